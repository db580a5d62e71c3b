import { templateError, type SourcePosition } from './template-errors.js';

/** A template after the Sekoia front end: what nunjucks parses, plus the way back to the original. */
export interface FrontEndTemplate {
  /** The template as its author wrote it. */
  readonly original: string;
  /** The same template in a form nunjucks 3.2.4 parses. */
  readonly source: string;
  /** Maps a 1-based position in `source` to the same place in `original`. */
  locate(position: SourcePosition): SourcePosition;
}

// Character classes of the nunjucks 3.2.4 lexer (src/lexer.js); the scanner below mirrors its
// tokenisation so that a rewrite happens exactly where nunjucks would see a `.` operator.
const WHITESPACE = ' \n\t\r\u00a0';
const DELIMITERS = '()[]{}%*-+~/#,:|.<>=!';
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'true', 'false', 'none', 'null']);
const RAW_TAG = /^-?\s*(raw|verbatim)\s*-?$/;

type Previous = 'target' | 'other';

interface Anchor {
  out: number;
  in: number;
}

/**
 * Rewrites Sekoia's numeric attribute access (`node.1.rule`) into the subscript form nunjucks
 * parses (`node[1].rule`). Only code inside `{{ }}` and `{% %}` is touched: never plain text,
 * comments, `{% raw %}` bodies or quoted string literals, and never float literals (`1.5`).
 *
 * @throws PlyError PLY_TEMPLATE_SYNTAX for an unclosed tag, comment or string literal, or a
 *   stray "#}" in plain text (positions nunjucks itself would not report).
 */
export function rewriteSekoiaSyntax(template: string): FrontEndTemplate {
  return new Scanner(template).run();
}

class Scanner {
  private out = '';
  private index = 0;
  private readonly anchors: Anchor[] = [];

  constructor(private readonly src: string) {}

  run(): FrontEndTemplate {
    const { src } = this;
    while (this.index < src.length) {
      const found = nextTagStart(src, this.index);
      const next = found === -1 ? src.length : found;
      // The nunjucks lexer throws, without a position, on "#}" in plain text.
      const strayCommentEnd = src.slice(this.index, next).indexOf('#}');
      if (strayCommentEnd !== -1) this.fail('"#}" outside a comment', this.index + strayCommentEnd);
      this.copy(next - this.index);
      if (found === -1) break;
      if (src.startsWith('{#', next)) this.comment();
      else this.code();
    }
    return buildResult(src, this.out, this.anchors);
  }

  private copy(length: number): void {
    this.out += this.src.slice(this.index, this.index + length);
    this.index += length;
  }

  private fail(problem: string, offset: number): never {
    throw templateError('PLY_TEMPLATE_SYNTAX', problem, this.src, positionOf(this.src, offset));
  }

  private comment(): void {
    const end = this.src.indexOf('#}', this.index + 2);
    if (end === -1) this.fail('unclosed comment "{#" (expected "#}")', this.index);
    this.copy(end + 2 - this.index);
  }

  /** Scans one `{{ ... }}` or `{% ... %}` tag; nunjucks ends either kind at `}}` or `%}`. */
  private code(): void {
    const { src } = this;
    const opener = this.index;
    const opening = src.slice(opener, opener + 2);
    this.copy(src[opener + 2] === '-' ? 3 : 2);
    const bodyStart = this.index;
    let previous: Previous = 'other';
    for (;;) {
      if (this.index >= src.length) {
        this.fail(`unclosed "${opening}" (expected "${opening === '{{' ? '}}' : '%}'}")`, opener);
      }
      const c = src[this.index] as string;
      if (c === '"' || c === "'") {
        this.string(c);
        previous = 'other';
      } else if (WHITESPACE.includes(c)) {
        this.copy(1);
        previous = 'other';
      } else if (/^-?(%\}|\}\})/.test(src.slice(this.index, this.index + 3))) {
        const bodyEnd = this.index;
        this.copy(src[this.index] === '-' ? 3 : 2);
        if (opening === '{%') this.skipRawBody(src.slice(bodyStart, bodyEnd));
        return;
      } else if (c === 'r' && src[this.index + 1] === '/') {
        this.regex();
        previous = 'other';
      } else if (DELIMITERS.includes(c)) {
        previous = this.delimiter(c, previous);
      } else {
        previous = this.word();
      }
    }
  }

  private string(quote: string): void {
    const { src } = this;
    let i = this.index + 1;
    while (i < src.length && src[i] !== quote) i += src[i] === '\\' ? 2 : 1;
    if (i >= src.length) this.fail(`unterminated string literal (missing closing ${quote})`, this.index);
    this.copy(i + 1 - this.index);
  }

  private regex(): void {
    const { src } = this;
    let i = this.index + 2;
    while (i < src.length && !(src[i] === '/' && src[i - 1] !== '\\')) i += 1;
    i += 1;
    while (i < src.length && 'gimy'.includes(src[i] as string)) i += 1;
    this.copy(Math.min(i, src.length) - this.index);
  }

  private delimiter(c: string, previous: Previous): Previous {
    if (c === '.' && previous === 'target') {
      const digits = wordAt(this.src, this.index + 1);
      if (/^[0-9]+$/.test(digits)) {
        this.out += `[${digits}]`;
        this.index += 1 + digits.length;
        this.anchors.push({ out: this.out.length, in: this.index });
        return 'target';
      }
    }
    this.copy(1);
    return c === ')' || c === ']' ? 'target' : 'other';
  }

  private word(): Previous {
    const { src } = this;
    const word = wordAt(src, this.index);
    if (/^[0-9]+$/.test(word) && src[this.index + word.length] === '.') {
      // An integer followed by '.' is a float literal to nunjucks (`1.5`, even `1.`): keep it.
      const fraction = /^[0-9]*/.exec(src.slice(this.index + word.length + 1))?.[0] ?? '';
      this.copy(word.length + 1 + fraction.length);
      return 'other';
    }
    this.copy(word.length);
    return /^[0-9]/.test(word) || KEYWORDS.has(word) ? 'other' : 'target';
  }

  /** After `{% raw %}` nunjucks reads raw text up to the matching `{% endraw %}`; so do we. */
  private skipRawBody(tagBody: string): void {
    const tag = RAW_TAG.exec(tagBody.trim())?.[1];
    if (tag === undefined) return;
    // Same expression as nunjucks' parser.parseRaw, so nesting is counted the same way.
    const block = new RegExp(`([\\s\\S]*?){%\\s*(${tag}|end${tag})\\s*(?=%})%}`, 'y');
    let level = 1;
    let cursor = this.index;
    for (;;) {
      block.lastIndex = cursor;
      const match = block.exec(this.src);
      if (match === null) {
        this.copy(this.src.length - this.index);
        return;
      }
      level += match[2] === tag ? 1 : -1;
      if (level === 0) {
        this.copy(cursor + (match[1] as string).length - this.index);
        return;
      }
      cursor += match[0].length;
    }
  }
}

function nextTagStart(src: string, from: number): number {
  for (let i = src.indexOf('{', from); i !== -1; i = src.indexOf('{', i + 1)) {
    const c = src[i + 1];
    if (c === '{' || c === '%' || c === '#') return i;
  }
  return -1;
}

/** The token nunjucks would read at `from` when it is not a string, delimiter or whitespace. */
function wordAt(src: string, from: number): string {
  let end = from;
  while (end < src.length && !WHITESPACE.includes(src[end] as string) && !DELIMITERS.includes(src[end] as string)) {
    end += 1;
  }
  return src.slice(from, end);
}

function positionOf(text: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

function offsetOf(text: string, position: SourcePosition): number {
  let offset = 0;
  for (let line = 1; line < position.line; line += 1) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + position.column - 1);
}

function buildResult(original: string, source: string, anchors: Anchor[]): FrontEndTemplate {
  return {
    original,
    source,
    locate(position) {
      if (anchors.length === 0) return position;
      const out = offsetOf(source, position);
      // Each rewrite lengthens the source by one character from its anchor on.
      let shift = 0;
      for (const anchor of anchors) {
        if (anchor.out > out) break;
        shift = anchor.out - anchor.in;
      }
      return positionOf(original, Math.max(0, Math.min(original.length, out - shift)));
    },
  };
}
