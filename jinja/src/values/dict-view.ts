/** What `dict.items()`, `.keys()` and `.values()` return: printable the Python way, iterable, sized. */
export class DictView {
  constructor(
    readonly kind: 'items' | 'keys' | 'values',
    readonly entries: readonly unknown[],
  ) {}
}
