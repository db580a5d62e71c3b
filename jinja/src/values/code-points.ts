const SURROGATE = /[\uD800-\uDFFF]/;

/** True when `text` holds characters outside the BMP, where UTF-16 units and code points differ. */
export function hasSurrogates(text: string): boolean {
  return SURROGATE.test(text);
}

/** Python's `len(text)`: the number of code points. */
export function codePointLength(text: string): number {
  if (!hasSurrogates(text)) return text.length;
  let count = 0;
  for (const _char of text) count += 1;
  return count;
}

/** The code points of `text`, one string each. */
export function codePoints(text: string): string[] {
  return hasSurrogates(text) ? Array.from(text) : text.split('');
}
