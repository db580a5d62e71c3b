/** The kinds of token the lexer produces (Jinja2's names). */
export type TokenType =
  | 'data'
  | 'variable_begin'
  | 'variable_end'
  | 'block_begin'
  | 'block_end'
  | 'name'
  | 'string'
  | 'integer'
  | 'float'
  | 'operator'
  | 'eof';

/** One token, with the 1-based position of its first character. */
export interface Token {
  readonly type: TokenType;
  /** The text for data, names and operators; the decoded value for strings and numbers. */
  readonly value: string | number | bigint;
  readonly line: number;
  readonly column: number;
}
