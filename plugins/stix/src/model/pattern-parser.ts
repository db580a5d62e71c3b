/**
 * A parser of the STIX 2.1 patterning language (§9): observation expressions joined by AND, OR and
 * FOLLOWEDBY, qualifiers (WITHIN, REPEATS, START/STOP), comparison expressions with every
 * operator of §9.6, object paths with quoted components and list indexes, and every literal
 * kind (string, integer, float, boolean, timestamp `t'…'`, hex `h'…'`, binary `b'…'`, sets).
 * It checks syntax only, as the specification's grammar does; a pattern that parses is valid.
 */

export type Literal = string | number | boolean | { timestamp: string } | { hex: string } | { binary: string } | Literal[];

export interface ComparisonNode {
  kind: 'comparison';
  objectType: string;
  /** Path components after the `:`; `'*'` or a number for list indexes. */
  path: Array<string | number>;
  operator: string;
  negated: boolean;
  value: Literal | undefined;
}

export interface BooleanNode<T> {
  kind: 'and' | 'or';
  operands: T[];
}

export type ComparisonExpression = ComparisonNode | BooleanNode<ComparisonExpression>;

export interface ObservationNode {
  kind: 'observation';
  expression: ComparisonExpression;
  qualifiers: string[];
}

export interface ObservationGroup {
  kind: 'and' | 'or' | 'followedby';
  operands: ObservationExpression[];
  qualifiers: string[];
}

export type ObservationExpression = ObservationNode | ObservationGroup;

/** Thrown for a pattern that does not parse; the message says where and why. */
export class StixPatternError extends Error {
  override readonly name = 'StixPatternError';
}

type Token = { type: 'word' | 'string' | 'number' | 'typed' | 'punct'; text: string; value?: string; position: number };

const PUNCTUATION = ['!=', '<=', '>=', '[', ']', '(', ')', ',', ':', '.', '=', '<', '>', '*', '-'];

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i]!;
    if (/\s/.test(char)) {
      i += 1;
      continue;
    }
    const typed = /^([thb])'/.exec(pattern.slice(i, i + 2));
    if (char === "'" || typed) {
      const start = i;
      i += typed ? 2 : 1;
      let value = '';
      for (;;) {
        if (i >= pattern.length) throw new StixPatternError(`unterminated string literal at ${start}`);
        const c = pattern[i]!;
        if (c === '\\') {
          const next = pattern[i + 1];
          if (next !== '\\' && next !== "'") throw new StixPatternError(`invalid escape "\\${next ?? ''}" at ${i}: only \\\\ and \\' are allowed`);
          value += next;
          i += 2;
        } else if (c === "'") {
          i += 1;
          break;
        } else {
          value += c;
          i += 1;
        }
      }
      tokens.push({ type: typed ? 'typed' : 'string', text: typed ? typed[1]! : "'", value, position: start });
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(pattern.slice(i));
    if (number && (char !== '-' || !tokens.length || tokens.at(-1)!.type === 'punct')) {
      tokens.push({ type: 'number', text: number[0], position: i });
      i += number[0].length;
      continue;
    }
    const word = /^[a-zA-Z_][a-zA-Z0-9_-]*/.exec(pattern.slice(i));
    if (word) {
      tokens.push({ type: 'word', text: word[0], position: i });
      i += word[0].length;
      continue;
    }
    const punct = PUNCTUATION.find((p) => pattern.startsWith(p, i));
    if (!punct) throw new StixPatternError(`unexpected character "${char}" at ${i}`);
    tokens.push({ type: 'punct', text: punct, position: i });
    i += punct.length;
  }
  return tokens;
}

const COMPARISON_OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=']);
const WORD_OPERATORS = new Set(['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

class Parser {
  #index = 0;
  constructor(private readonly tokens: Token[], private readonly source: string) {}

  parse(): ObservationExpression {
    if (this.tokens.length === 0) throw new StixPatternError('the pattern is empty');
    const expression = this.#observations();
    if (this.#peek()) this.#fail(`unexpected "${this.#peek()!.text}"`);
    return expression;
  }

  #observations(): ObservationExpression {
    return this.#joined('followedby', 'FOLLOWEDBY', () => this.#joined('or', 'OR', () => this.#joined('and', 'AND', () => this.#observation())));
  }

  #joined(kind: ObservationGroup['kind'], keyword: string, next: () => ObservationExpression): ObservationExpression {
    const first = next();
    const operands = [first];
    while (this.#isWord(keyword)) {
      this.#index += 1;
      operands.push(next());
    }
    return operands.length === 1 ? first : { kind, operands, qualifiers: [] };
  }

  #observation(): ObservationExpression {
    let expression: ObservationExpression;
    if (this.#isPunct('[')) {
      this.#index += 1;
      const comparison = this.#comparisonOr();
      this.#expectPunct(']');
      expression = { kind: 'observation', expression: comparison, qualifiers: [] };
    } else if (this.#isPunct('(')) {
      this.#index += 1;
      expression = this.#observations();
      this.#expectPunct(')');
    } else {
      return this.#fail('expected "[" or "(" to open an observation expression');
    }
    const qualifiers = this.#qualifiers();
    if (qualifiers.length === 0) return expression;
    if (expression.kind === 'observation') return { ...expression, qualifiers };
    return { ...expression, qualifiers: [...expression.qualifiers, ...qualifiers] };
  }

  #qualifiers(): string[] {
    const qualifiers: string[] = [];
    for (;;) {
      if (this.#isWord('WITHIN')) {
        this.#index += 1;
        const seconds = this.#expect('number', 'a number of seconds after WITHIN');
        if (Number(seconds.text) <= 0) this.#fail('WITHIN needs a positive number of seconds');
        this.#expectWord('SECONDS');
        qualifiers.push(`WITHIN ${seconds.text} SECONDS`);
      } else if (this.#isWord('REPEATS')) {
        this.#index += 1;
        const times = this.#expect('number', 'a count after REPEATS');
        if (!/^\d+$/.test(times.text) || Number(times.text) <= 0) this.#fail('REPEATS needs a positive integer');
        this.#expectWord('TIMES');
        qualifiers.push(`REPEATS ${times.text} TIMES`);
      } else if (this.#isWord('START')) {
        this.#index += 1;
        const start = this.#timestamp();
        this.#expectWord('STOP');
        const stop = this.#timestamp();
        if (Date.parse(stop) <= Date.parse(start)) this.#fail('STOP must be later than START');
        qualifiers.push(`START t'${start}' STOP t'${stop}'`);
      } else {
        return qualifiers;
      }
    }
  }

  #timestamp(): string {
    const token = this.#expect('typed', "a timestamp t'...'");
    if (token.text !== 't' || !TIMESTAMP.test(token.value!)) this.#fail(`"${token.value}" is not a STIX timestamp`, token);
    return token.value!;
  }

  #comparisonOr(): ComparisonExpression {
    const operands = [this.#comparisonAnd()];
    while (this.#isWord('OR')) {
      this.#index += 1;
      operands.push(this.#comparisonAnd());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
  }

  #comparisonAnd(): ComparisonExpression {
    const operands = [this.#propertyTest()];
    while (this.#isWord('AND')) {
      this.#index += 1;
      operands.push(this.#propertyTest());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
  }

  #propertyTest(): ComparisonExpression {
    if (this.#isPunct('(')) {
      this.#index += 1;
      const inner = this.#comparisonOr();
      this.#expectPunct(')');
      return inner;
    }
    const negatedExists = this.#isWord('NOT') && this.tokens[this.#index + 1]?.text === 'EXISTS';
    if (negatedExists) this.#index += 1;
    if (this.#isWord('EXISTS')) {
      this.#index += 1;
      const { objectType, path } = this.#objectPath();
      return { kind: 'comparison', objectType, path, operator: 'EXISTS', negated: negatedExists, value: undefined };
    }
    const { objectType, path } = this.#objectPath();
    let negated = false;
    if (this.#isWord('NOT')) {
      negated = true;
      this.#index += 1;
    }
    const token = this.#peek();
    if (token?.type === 'punct' && COMPARISON_OPERATORS.has(token.text)) {
      this.#index += 1;
      return { kind: 'comparison', objectType, path, operator: token.text, negated, value: this.#literal() };
    }
    if (token?.type === 'word' && WORD_OPERATORS.has(token.text)) {
      this.#index += 1;
      if (token.text === 'IN') return { kind: 'comparison', objectType, path, operator: 'IN', negated, value: this.#set() };
      const value = this.#literal();
      if (typeof value !== 'string') this.#fail(`${token.text} needs a string literal`, token);
      return { kind: 'comparison', objectType, path, operator: token.text, negated, value };
    }
    return this.#fail('expected a comparison operator');
  }

  #objectPath(): { objectType: string; path: Array<string | number> } {
    const type = this.#expect('word', 'an object type');
    if (!/^[a-z0-9][a-z0-9-]*[a-z0-9]$|^[a-z0-9]$/.test(type.text)) this.#fail(`"${type.text}" is not an object type`, type);
    this.#expectPunct(':');
    const path: Array<string | number> = [this.#pathName()];
    for (;;) {
      if (this.#isPunct('.')) {
        this.#index += 1;
        path.push(this.#pathName());
      } else if (this.#isPunct('[')) {
        this.#index += 1;
        const index = this.#peek();
        if (index?.type === 'punct' && index.text === '*') path.push('*');
        else if (index?.type === 'number' && /^-?\d+$/.test(index.text)) path.push(Number(index.text));
        else this.#fail('expected a list index or "*"');
        this.#index += 1;
        this.#expectPunct(']');
      } else {
        return { objectType: type.text, path };
      }
    }
  }

  #pathName(): string {
    const token = this.#peek();
    if (token?.type === 'string') {
      this.#index += 1;
      return token.value!;
    }
    if (token?.type === 'word' && !token.text.includes('-')) {
      this.#index += 1;
      return token.text;
    }
    return this.#fail('expected a property name (quote it when it holds a hyphen)');
  }

  #literal(): Literal {
    const token = this.#peek();
    if (!token) return this.#fail('expected a value');
    this.#index += 1;
    if (token.type === 'string') return token.value!;
    if (token.type === 'number') return Number(token.text);
    if (token.type === 'word' && (token.text === 'true' || token.text === 'false')) return token.text === 'true';
    if (token.type === 'typed') {
      const value = token.value!;
      if (token.text === 't') {
        if (!TIMESTAMP.test(value)) this.#fail(`"${value}" is not a STIX timestamp`, token);
        return { timestamp: value };
      }
      if (token.text === 'h') {
        if (!/^([0-9a-fA-F]{2})*$/.test(value)) this.#fail(`"${value}" is not a hex literal`, token);
        return { hex: value };
      }
      if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value)) this.#fail(`"${value}" is not a base64 literal`, token);
      return { binary: value };
    }
    return this.#fail(`"${token.text}" is not a value`, token);
  }

  #set(): Literal[] {
    this.#expectPunct('(');
    const values = [this.#literal()];
    while (this.#isPunct(',')) {
      this.#index += 1;
      values.push(this.#literal());
    }
    this.#expectPunct(')');
    return values;
  }

  #peek(): Token | undefined {
    return this.tokens[this.#index];
  }

  #isWord(text: string): boolean {
    const token = this.#peek();
    return token?.type === 'word' && token.text === text;
  }

  #isPunct(text: string): boolean {
    const token = this.#peek();
    return token?.type === 'punct' && token.text === text;
  }

  #expect(type: Token['type'], what: string): Token {
    const token = this.#peek();
    if (token?.type !== type) return this.#fail(`expected ${what}`);
    this.#index += 1;
    return token;
  }

  #expectPunct(text: string): void {
    if (!this.#isPunct(text)) this.#fail(`expected "${text}"`);
    this.#index += 1;
  }

  #expectWord(text: string): void {
    if (!this.#isWord(text)) this.#fail(`expected ${text}`);
    this.#index += 1;
  }

  #fail(message: string, token: Token | undefined = this.#peek()): never {
    const where = token ? `at ${token.position} ("${this.source.slice(token.position, token.position + 20)}")` : 'at the end';
    throw new StixPatternError(`${message} ${where}`);
  }
}

/** Parses a STIX pattern; throws {@link StixPatternError} naming the position of the first error. */
export function parsePattern(pattern: string): ObservationExpression {
  return new Parser(tokenize(pattern), pattern).parse();
}

/** True when `pattern` is a valid STIX 2.1 pattern. */
export function isValidPattern(pattern: string): boolean {
  try {
    parsePattern(pattern);
    return true;
  } catch (error) {
    if (error instanceof StixPatternError) return false;
    throw error;
  }
}

/** Every comparison of a pattern, in order, with the boolean structure dropped. */
export function comparisonsIn(expression: ObservationExpression | ComparisonExpression): ComparisonNode[] {
  if (expression.kind === 'comparison') return [expression];
  if (expression.kind === 'observation') return comparisonsIn(expression.expression);
  return (expression.operands as Array<ObservationExpression | ComparisonExpression>).flatMap(comparisonsIn);
}
