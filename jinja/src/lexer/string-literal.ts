import { JinjaSyntaxError, type TemplatePosition } from '../errors/jinja-error.js';

const SIMPLE: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
};

/**
 * Decodes the body of a string literal the way Jinja2 does (Python's `unicode-escape`):
 * `\n`, `\t`, `\xhh`, `\uhhhh`, `\Uhhhhhhhh`, octal `\ooo`; an unknown escape keeps its backslash.
 */
export function decodeStringLiteral(body: string, position: TemplatePosition): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i] as string;
    if (char !== '\\' || i === body.length - 1) {
      out += char;
      continue;
    }
    const next = body[i + 1] as string;
    const simple = SIMPLE[next];
    if (simple !== undefined) {
      out += simple;
      i += 1;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const size = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + size);
      if (!new RegExp(`^[0-9a-fA-F]{${size}}$`).test(hex)) {
        throw new JinjaSyntaxError(`truncated \\${next}${'X'.repeat(size)} escape`, position);
      }
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff) throw new JinjaSyntaxError('illegal Unicode character', position);
      out += String.fromCodePoint(code);
      i += 1 + size;
    } else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0] ?? next;
      out += String.fromCodePoint(Number.parseInt(octal, 8));
      i += octal.length;
    } else if (next === 'N') {
      throw new JinjaSyntaxError('\\N{...} escapes are not supported', position);
    } else {
      out += char;
    }
  }
  return out;
}
