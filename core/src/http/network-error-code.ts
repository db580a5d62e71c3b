/**
 * The system error code behind a failed request (`ECONNREFUSED`, `ENOTFOUND`,
 * `ECONNRESET`, ...), found by walking the `cause` chain and the first error of an
 * `AggregateError`; `undefined` when there is none.
 */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth += 1) {
    const code: unknown = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    if (current instanceof AggregateError && current.errors.length > 0) {
      const inner = networkErrorCode(current.errors[0]);
      if (inner !== undefined) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
