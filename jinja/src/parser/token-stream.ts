import { JinjaSyntaxError, type TemplatePosition } from '../errors/jinja-error.js';
import type { Token } from '../lexer/token.js';

const DESCRIPTIONS: Record<string, string> = {
  block_begin: 'begin of statement block',
  block_end: 'end of statement block',
  variable_begin: 'begin of print statement',
  variable_end: 'end of print statement',
  data: 'template data / text',
  eof: 'end of template',
};

/** How Jinja2 names a token in messages. */
export function describeToken(token: Token): string {
  if (token.type === 'name' || token.type === 'operator') return String(token.value);
  return DESCRIPTIONS[token.type] ?? token.type;
}

/** A cursor over tokens with Jinja2's `test` syntax: `'name'`, `'name:for'`, `'operator:('`. */
export class TokenStream {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  get current(): Token {
    return this.tokens[this.index] as Token;
  }

  look(): Token {
    return (this.tokens[this.index + 1] ?? this.tokens[this.tokens.length - 1]) as Token;
  }

  next(): Token {
    const token = this.current;
    if (token.type !== 'eof') this.index += 1;
    return token;
  }

  skip(count = 1): void {
    for (let i = 0; i < count; i += 1) this.next();
  }

  static test(token: Token, expression: string): boolean {
    const colon = expression.indexOf(':');
    if (colon === -1) return token.type === expression;
    return token.type === expression.slice(0, colon) && token.value === expression.slice(colon + 1);
  }

  test(expression: string): boolean {
    return TokenStream.test(this.current, expression);
  }

  skipIf(expression: string): boolean {
    if (!this.test(expression)) return false;
    this.next();
    return true;
  }

  expect(expression: string): Token {
    const token = this.current;
    if (!TokenStream.test(token, expression)) {
      const wanted = expression.includes(':') ? expression.slice(expression.indexOf(':') + 1) : DESCRIPTIONS[expression] ?? expression;
      if (token.type === 'eof') throw new JinjaSyntaxError(`unexpected end of template, expected '${wanted}'.`, position(token));
      throw new JinjaSyntaxError(`expected token '${wanted}', got '${describeToken(token)}'`, position(token));
    }
    return this.next();
  }
}

export function position(token: Token): TemplatePosition {
  return { line: token.line, column: token.column };
}
