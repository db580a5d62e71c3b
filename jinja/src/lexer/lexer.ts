import { JinjaSyntaxError } from '../errors/jinja-error.js';
import { SourceLines } from './source-lines.js';
import { decodeStringLiteral } from './string-literal.js';
import type { Token, TokenType } from './token.js';

// The tag rules of Jinja2's lexer, in its order (float before integer; names before strings).
const WHITESPACE = /\s+/y;
const FLOAT = /(?<!\.)(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/y;
const INTEGER = /0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[\da-fA-F])+|[1-9](?:_?\d)*|0(?:_?0)*/y;
const NAME = /[\p{ID_Start}_][\p{ID_Continue}]*/uy;
const STRING = /'([^'\\]*(?:\\.[^'\\]*)*)'|"([^"\\]*(?:\\.[^"\\]*)*)"/sy;
const OPERATOR = /\/\/|\*\*|==|!=|>=|<=|[+\-/*%~[\](){}<>=.:|,;]/y;
const VARIABLE_END = /-\}\}\s*|\}\}/y;
const BLOCK_END = /\+%\}|-%\}\s*|%\}/y;
const COMMENT_END = /\+#\}|-#\}\s*|#\}/g;
const TAG_START = /\{%([-+]?)\s*raw\s*(?:-%\}\s*|%\})|\{\{([-+]?)|\{%([-+]?)|\{#([-+]?)/g;
const ENDRAW = /\{%([-+]?)\s*endraw\s*(?:\+%\}|-%\}\s*|%\})/g;
const CLOSING: Record<string, string> = { '{': '}', '(': ')', '[': ']' };

/** Splits a (normalized) template source into Jinja2's token stream. */
export function tokenize(source: string): Token[] {
  return new Lexer(source).run();
}

class Lexer {
  private readonly tokens: Token[] = [];
  private readonly lines: SourceLines;
  private pos = 0;

  constructor(private readonly source: string) {
    this.lines = new SourceLines(source);
  }

  run(): Token[] {
    const { source } = this;
    while (this.pos < source.length) {
      TAG_START.lastIndex = this.pos;
      const match = TAG_START.exec(source);
      if (match === null) {
        this.push('data', source.slice(this.pos), this.pos);
        break;
      }
      const sign = match[1] ?? match[2] ?? match[3] ?? match[4] ?? '';
      let text = source.slice(this.pos, match.index);
      if (sign === '-') text = text.replace(/\s+$/, '');
      if (text !== '') this.push('data', text, this.pos);
      const tagAt = match.index;
      this.pos = match.index + match[0].length;
      if (match[1] !== undefined) this.raw(tagAt);
      else if (match[2] !== undefined) this.tag('variable_begin', 'variable_end', VARIABLE_END, tagAt);
      else if (match[3] !== undefined) this.tag('block_begin', 'block_end', BLOCK_END, tagAt);
      else this.comment(tagAt);
    }
    this.push('eof', '', source.length);
    return this.tokens;
  }

  private push(type: TokenType, value: Token['value'], offset: number): void {
    const { line, column } = this.lines.at(offset);
    this.tokens.push({ type, value, line, column });
  }

  private fail(message: string, offset: number): never {
    throw new JinjaSyntaxError(message, this.lines.at(offset));
  }

  private comment(tagAt: number): void {
    COMMENT_END.lastIndex = this.pos;
    const end = COMMENT_END.exec(this.source);
    if (end === null) this.fail('Missing end of comment tag', tagAt);
    this.pos = end.index + end[0].length;
  }

  private raw(tagAt: number): void {
    ENDRAW.lastIndex = this.pos;
    const end = ENDRAW.exec(this.source);
    if (end === null) this.fail('Missing end of raw directive', tagAt);
    let text = this.source.slice(this.pos, end.index);
    if (end[1] === '-') text = text.replace(/\s+$/, '');
    if (text !== '') this.push('data', text, this.pos);
    this.pos = end.index + end[0].length;
  }

  private tag(begin: TokenType, endType: TokenType, endRule: RegExp, tagAt: number): void {
    const { source } = this;
    this.push(begin, '', tagAt);
    const balance: string[] = [];
    for (;;) {
      if (this.pos >= source.length) {
        // Jinja2 reports the unclosed tag at the parser; the message names what is missing.
        this.fail(`unexpected end of template, expected '${endType === 'variable_end' ? '}}' : '%}'}'`, tagAt);
      }
      if (balance.length === 0) {
        endRule.lastIndex = this.pos;
        const end = endRule.exec(source);
        if (end !== null) {
          this.push(endType, '', this.pos);
          this.pos = end.index + end[0].length;
          return;
        }
      }
      const at = this.pos;
      if (this.sticky(WHITESPACE) !== undefined) continue;
      const float = this.sticky(FLOAT);
      if (float !== undefined) {
        this.push('float', Number(float.replace(/_/g, '')), at);
        continue;
      }
      const integer = this.sticky(INTEGER);
      if (integer !== undefined) {
        this.push('integer', parseInteger(integer), at);
        continue;
      }
      const name = this.sticky(NAME);
      if (name !== undefined) {
        this.push('name', name, at);
        continue;
      }
      STRING.lastIndex = at;
      const string = STRING.exec(source);
      if (string !== null) {
        this.pos = STRING.lastIndex;
        const body = string[1] ?? string[2] ?? '';
        this.push('string', decodeStringLiteral(body, this.lines.at(at)), at);
        continue;
      }
      const operator = this.sticky(OPERATOR);
      if (operator === undefined) this.fail(`unexpected char ${JSON.stringify(source[at])} at ${at}`, at);
      if (operator in CLOSING) balance.push(CLOSING[operator] as string);
      else if (operator === '}' || operator === ')' || operator === ']') {
        const expected = balance.pop();
        if (expected === undefined) this.fail(`unexpected '${operator}'`, at);
        if (expected !== operator) this.fail(`unexpected '${operator}', expected '${expected}'`, at);
      }
      this.push('operator', operator, at);
    }
  }

  private sticky(rule: RegExp): string | undefined {
    rule.lastIndex = this.pos;
    const match = rule.exec(this.source);
    if (match === null) return undefined;
    this.pos = rule.lastIndex;
    return match[0];
  }
}

function parseInteger(text: string): number | bigint {
  const digits = text.replace(/_/g, '');
  const value = BigInt(digits);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
