const FALSE_TEXT = new Set(['', 'false', '0', 'none', 'null']);

/**
 * Jinja's truth value, extended to rendered text: empty strings, lists and objects, 0, null and
 * undefined are false, and so is text that renders a false value ("false", "False", "0", "None").
 */
export function isTruthy(value: unknown): boolean {
  if (typeof value === 'string') return !FALSE_TEXT.has(value.trim().toLowerCase());
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}
