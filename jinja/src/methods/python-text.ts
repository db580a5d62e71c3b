/** Python's whitespace (str.isspace), which differs from JavaScript's \s. */
export const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SPACE_RUN = new RegExp(`[${PY_SPACE}]+`, 'u');
const LEADING = new RegExp(`^[${PY_SPACE}]+`, 'u');
const TRAILING = new RegExp(`[${PY_SPACE}]+$`, 'u');

/** Python's `str.split()` with no separator: runs of whitespace, no empty strings. */
export function splitWhitespace(text: string, maxsplit: number): string[] {
  const parts: string[] = [];
  let rest = text.replace(LEADING, '');
  while (rest !== '') {
    if (maxsplit >= 0 && parts.length === maxsplit) {
      parts.push(rest.replace(TRAILING, ''));
      break;
    }
    const match = SPACE_RUN.exec(rest);
    if (match === null) {
      parts.push(rest);
      break;
    }
    parts.push(rest.slice(0, match.index));
    rest = rest.slice(match.index + match[0].length);
  }
  return parts;
}

/** Python's `str.strip(chars)` family; `chars` undefined strips whitespace. */
export function stripText(text: string, chars: string | undefined, left: boolean, right: boolean): string {
  if (chars === undefined) {
    let result = text;
    if (left) result = result.replace(LEADING, '');
    if (right) result = result.replace(TRAILING, '');
    return result;
  }
  const set = new Set(Array.from(chars));
  const items = Array.from(text);
  let start = 0;
  let end = items.length;
  if (left) while (start < end && set.has(items[start] as string)) start += 1;
  if (right) while (end > start && set.has(items[end - 1] as string)) end -= 1;
  return items.slice(start, end).join('');
}

/** Characters that have an upper and a lower case. */
export function isCased(char: string): boolean {
  return char.toLowerCase() !== char.toUpperCase();
}

/** Python's `str.title()`: a letter after a cased letter is lowered, others are raised. */
export function pythonTitle(text: string): string {
  let out = '';
  let previousCased = false;
  for (const char of text) {
    out += previousCased ? char.toLowerCase() : char.toUpperCase();
    previousCased = isCased(char);
  }
  return out;
}

/** Python's `str.capitalize()`: first character upper, the rest lower. */
export function pythonCapitalize(text: string): string {
  const [first = '', ...rest] = Array.from(text);
  return first.toUpperCase() + rest.join('').toLowerCase();
}

const LINE_BREAKS = '\\n\\r\\v\\f\\x1c\\x1d\\x1e\\x85\\u2028\\u2029';
const LINE_BREAK = new RegExp(`\\r\\n|[${LINE_BREAKS}]`, 'g');

/** Python's `str.splitlines(keepends)`. */
export function splitLines(text: string, keepends: boolean): string[] {
  const lines: string[] = [];
  let start = 0;
  for (const match of text.matchAll(LINE_BREAK)) {
    const end = match.index + match[0].length;
    lines.push(text.slice(start, keepends ? end : match.index));
    start = end;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}
