/**
 * A Python generator, as Jinja2's `map`, `select`, `unique`, `batch`, `reverse`... return: it
 * iterates once, has no length, cannot be indexed and is always true. Its items are computed
 * eagerly (each costs steps), which no template can tell apart.
 */
export class PyIterator {
  private consumed = false;

  constructor(
    private readonly items: readonly unknown[],
    /** The Python type name, for messages and printing (`generator`, `list_reverseiterator`). */
    readonly typeName = 'generator',
    /** The Python function that made it, for printing. */
    readonly origin = 'generator',
  ) {}

  /** The remaining items; later calls give none, as a consumed generator. */
  drain(): readonly unknown[] {
    if (this.consumed) return [];
    this.consumed = true;
    return this.items;
  }
}
