/**
 * Jinja2's `Undefined`: what a missing name, attribute or item evaluates to. It prints as '',
 * is false, iterates as empty, has length 0; any other use fails with the message it carries.
 */
export class JinjaUndefined {
  constructor(
    /** Why it is undefined, as Jinja2 words it (`'x' is undefined`). */
    readonly reason: string,
    /** Raised on use instead of an UndefinedError: a sandbox refusal. */
    readonly forbidden = false,
  ) {}
}

export function isUndefined(value: unknown): value is JinjaUndefined {
  return value instanceof JinjaUndefined;
}

/** Undefined for a name that the context does not hold. */
export function undefinedName(name: string): JinjaUndefined {
  return new JinjaUndefined(`'${name}' is undefined`);
}
