import { JinjaSyntaxError } from '../errors/jinja-error.js';
import type { Token } from '../lexer/token.js';
import { makeFloat } from '../values/py-float.js';
import type { CallSyntax, CompareOperation, Expr, Target } from './ast.js';
import { describeToken, position, TokenStream } from './token-stream.js';

const COMPARE: Record<string, CompareOperation['operator']> = { '==': '==', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const PRIMARY_START = new Set(['name', 'string', 'integer', 'float']);

/** Jinja2's expression grammar (parser.py), operator precedence included. */
export class ExpressionParser {
  constructor(protected readonly stream: TokenStream) {}

  protected fail(message: string, token: Token = this.stream.current): never {
    throw new JinjaSyntaxError(message, position(token));
  }

  protected isOperator(value: string, token: Token = this.stream.current): boolean {
    return token.type === 'operator' && token.value === value;
  }

  protected skipOperator(value: string): boolean {
    if (!this.isOperator(value)) return false;
    this.stream.next();
    return true;
  }

  protected expectOperator(value: string): Token {
    return this.stream.expect(`operator:${value}`);
  }

  parseExpression(withCondition = true): Expr {
    return withCondition ? this.parseCondition() : this.parseOr();
  }

  private parseCondition(): Expr {
    const at = position(this.stream.current);
    let expr = this.parseOr();
    while (this.stream.skipIf('name:if')) {
      const test = this.parseOr();
      const otherwise = this.stream.skipIf('name:else') ? this.parseCondition() : undefined;
      expr = { kind: 'condition', test, then: expr, otherwise, at };
    }
    return expr;
  }

  private parseOr(): Expr {
    const at = position(this.stream.current);
    let left = this.parseAnd();
    while (this.stream.skipIf('name:or')) left = { kind: 'or', left, right: this.parseAnd(), at };
    return left;
  }

  private parseAnd(): Expr {
    const at = position(this.stream.current);
    let left = this.parseNot();
    while (this.stream.skipIf('name:and')) left = { kind: 'and', left, right: this.parseNot(), at };
    return left;
  }

  private parseNot(): Expr {
    if (this.stream.test('name:not')) {
      const at = position(this.stream.next());
      return { kind: 'not', operand: this.parseNot(), at };
    }
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const at = position(this.stream.current);
    const first = this.parseMath1();
    const operations: CompareOperation[] = [];
    for (;;) {
      const token = this.stream.current;
      const operator = token.type === 'operator' ? COMPARE[token.value as string] : undefined;
      if (operator !== undefined) {
        this.stream.next();
        operations.push({ operator, operand: this.parseMath1() });
      } else if (this.stream.skipIf('name:in')) {
        operations.push({ operator: 'in', operand: this.parseMath1() });
      } else if (this.stream.test('name:not') && TokenStream.test(this.stream.look(), 'name:in')) {
        this.stream.skip(2);
        operations.push({ operator: 'notin', operand: this.parseMath1() });
      } else {
        break;
      }
    }
    return operations.length === 0 ? first : { kind: 'compare', first, operations, at };
  }

  private parseMath1(): Expr {
    const at = position(this.stream.current);
    let left = this.parseConcat();
    while (this.isOperator('+') || this.isOperator('-')) {
      const operator = this.stream.next().value as '+' | '-';
      left = { kind: 'binary', operator, left, right: this.parseConcat(), at };
    }
    return left;
  }

  private parseConcat(): Expr {
    const at = position(this.stream.current);
    const items = [this.parseMath2()];
    while (this.skipOperator('~')) items.push(this.parseMath2());
    return items.length === 1 ? (items[0] as Expr) : { kind: 'concat', items, at };
  }

  private parseMath2(): Expr {
    const at = position(this.stream.current);
    let left = this.parsePow();
    while (this.isOperator('*') || this.isOperator('/') || this.isOperator('//') || this.isOperator('%')) {
      const operator = this.stream.next().value as '*' | '/' | '//' | '%';
      left = { kind: 'binary', operator, left, right: this.parsePow(), at };
    }
    return left;
  }

  private parsePow(): Expr {
    const at = position(this.stream.current);
    let left = this.parseUnary();
    while (this.skipOperator('**')) left = { kind: 'binary', operator: '**', left, right: this.parseUnary(), at };
    return left;
  }

  private parseUnary(withFilter = true): Expr {
    const at = position(this.stream.current);
    let node: Expr;
    if (this.isOperator('-') || this.isOperator('+')) {
      const operator = this.stream.next().value as '-' | '+';
      node = { kind: 'unary', operator, operand: this.parseUnary(false), at };
    } else {
      node = this.parsePrimary();
    }
    node = this.parsePostfix(node);
    return withFilter ? this.parseFilterExpression(node) : node;
  }

  protected parsePrimary(): Expr {
    const token = this.stream.current;
    const at = position(token);
    switch (token.type) {
      case 'name': {
        this.stream.next();
        const name = token.value as string;
        if (name === 'true' || name === 'True') return { kind: 'const', value: true, at };
        if (name === 'false' || name === 'False') return { kind: 'const', value: false, at };
        if (name === 'none' || name === 'None') return { kind: 'const', value: null, at };
        return { kind: 'name', name, at };
      }
      case 'string': {
        let value = this.stream.next().value as string;
        while (this.stream.current.type === 'string') value += this.stream.next().value as string;
        return { kind: 'const', value, at };
      }
      case 'integer':
        this.stream.next();
        return { kind: 'const', value: token.value, at };
      case 'float':
        this.stream.next();
        return { kind: 'const', value: makeFloat(token.value as number), at };
      default:
        break;
    }
    if (this.skipOperator('(')) {
      const node = this.parseTuple({ explicitParentheses: true });
      this.expectOperator(')');
      return node;
    }
    if (this.isOperator('[')) return this.parseList();
    if (this.isOperator('{')) return this.parseDict();
    return this.fail(`unexpected '${describeToken(token)}'`);
  }

  /** An expression, or a tuple when commas separate several (`a, b`). */
  parseTuple(options: { simplified?: boolean; withCondition?: boolean; extraEnd?: string[]; explicitParentheses?: boolean } = {}): Expr {
    const at = position(this.stream.current);
    const items: Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length > 0) this.expectOperator(',');
      if (this.isTupleEnd(options.extraEnd)) break;
      items.push(options.simplified === true ? this.parsePrimary() : this.parseExpression(options.withCondition ?? true));
      if (this.isOperator(',')) isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (items.length > 0) return items[0] as Expr;
      if (options.explicitParentheses !== true) this.fail(`Expected an expression, got '${describeToken(this.stream.current)}'`);
    }
    return { kind: 'tuple', items, at };
  }

  private isTupleEnd(extraEnd: string[] | undefined): boolean {
    const token = this.stream.current;
    if (token.type === 'variable_end' || token.type === 'block_end' || this.isOperator(')')) return true;
    return extraEnd !== undefined && extraEnd.some((rule) => TokenStream.test(token, rule));
  }

  private parseList(): Expr {
    const at = position(this.expectOperator('['));
    const items: Expr[] = [];
    while (!this.isOperator(']')) {
      if (items.length > 0) this.expectOperator(',');
      if (this.isOperator(']')) break;
      items.push(this.parseExpression());
    }
    this.expectOperator(']');
    return { kind: 'list', items, at };
  }

  private parseDict(): Expr {
    const at = position(this.expectOperator('{'));
    const pairs: [Expr, Expr][] = [];
    while (!this.isOperator('}')) {
      if (pairs.length > 0) this.expectOperator(',');
      if (this.isOperator('}')) break;
      const key = this.parseExpression();
      this.expectOperator(':');
      pairs.push([key, this.parseExpression()]);
    }
    this.expectOperator('}');
    return { kind: 'dict', pairs, at };
  }

  private parsePostfix(node: Expr): Expr {
    for (;;) {
      if (this.isOperator('.') || this.isOperator('[')) node = this.parseSubscript(node);
      else if (this.isOperator('(')) node = this.parseCall(node);
      else return node;
    }
  }

  private parseFilterExpression(node: Expr): Expr {
    for (;;) {
      if (this.isOperator('|')) node = this.parseFilter(node) as Expr;
      else if (this.stream.test('name:is')) node = this.parseTest(node);
      else if (this.isOperator('(')) node = this.parseCall(node);
      else return node;
    }
  }

  private parseSubscript(node: Expr): Expr {
    const token = this.stream.next();
    const at = position(token);
    if (token.value === '.') {
      const attribute = this.stream.next();
      if (attribute.type === 'name') return { kind: 'getattr', target: node, name: attribute.value as string, at };
      // Sekoia's node.1.x (and Jinja2's own): an integer after the dot is an item.
      if (attribute.type !== 'integer') this.fail('expected name or number', attribute);
      return { kind: 'getitem', target: node, key: { kind: 'const', value: attribute.value, at: position(attribute) }, at };
    }
    const args: Expr[] = [];
    while (!this.isOperator(']')) {
      if (args.length > 0) this.expectOperator(',');
      args.push(this.parseSubscribed());
    }
    this.expectOperator(']');
    const key: Expr = args.length === 1 ? (args[0] as Expr) : { kind: 'tuple', items: args, at };
    return { kind: 'getitem', target: node, key, at };
  }

  private parseSubscribed(): Expr {
    const at = position(this.stream.current);
    let start: Expr | undefined;
    if (!this.skipOperator(':')) {
      const node = this.parseExpression();
      if (!this.isOperator(':')) return node;
      this.stream.next();
      start = node;
    }
    let stop: Expr | undefined;
    let step: Expr | undefined;
    if (!this.isOperator(':') && !this.isOperator(']') && !this.isOperator(',')) stop = this.parseExpression();
    if (this.skipOperator(':') && !this.isOperator(']') && !this.isOperator(',')) step = this.parseExpression();
    return { kind: 'slice', start, stop, step, at };
  }

  protected parseCallArguments(): CallSyntax {
    const open = this.expectOperator('(');
    const call: CallSyntax = { args: [], kwargs: [], starArgs: undefined, starKwargs: undefined };
    const ensure = (ok: boolean) => {
      if (!ok) this.fail('invalid syntax for function call expression', open);
    };
    let requireComma = false;
    while (!this.isOperator(')')) {
      if (requireComma) {
        this.expectOperator(',');
        if (this.isOperator(')')) break;
      }
      if (this.skipOperator('*')) {
        ensure(call.starArgs === undefined && call.starKwargs === undefined);
        call.starArgs = this.parseExpression();
      } else if (this.skipOperator('**')) {
        ensure(call.starKwargs === undefined);
        call.starKwargs = this.parseExpression();
      } else if (this.stream.current.type === 'name' && this.isOperator('=', this.stream.look())) {
        ensure(call.starKwargs === undefined);
        const key = this.stream.next().value as string;
        this.stream.next();
        call.kwargs.push([key, this.parseExpression()]);
      } else {
        ensure(call.starArgs === undefined && call.starKwargs === undefined && call.kwargs.length === 0);
        call.args.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.expectOperator(')');
    return call;
  }

  private parseCall(node: Expr): Expr {
    const at = position(this.stream.current);
    return { kind: 'call', callee: node, call: this.parseCallArguments(), at };
  }

  private dottedName(): string {
    let name = this.stream.expect('name').value as string;
    while (this.isOperator('.')) {
      this.stream.next();
      name += `.${this.stream.expect('name').value as string}`;
    }
    return name;
  }

  /** `| name(args)` chains; `target` undefined for `{% filter %}` blocks and `{% set x | f %}`. */
  parseFilter(target: Expr | undefined, startInline = false): Expr | undefined {
    let node = target;
    while (this.isOperator('|') || startInline) {
      if (!startInline) this.stream.next();
      const at = position(this.stream.current);
      const name = this.dottedName();
      const call = this.isOperator('(') ? this.parseCallArguments() : { args: [], kwargs: [], starArgs: undefined, starKwargs: undefined };
      node = { kind: 'filter', target: node, name, call, at };
      startInline = false;
    }
    return node;
  }

  private parseTest(node: Expr): Expr {
    const at = position(this.stream.next());
    const negated = this.stream.skipIf('name:not');
    const name = this.dottedName();
    let call: CallSyntax = { args: [], kwargs: [], starArgs: undefined, starKwargs: undefined };
    const token = this.stream.current;
    if (this.isOperator('(')) {
      call = this.parseCallArguments();
    } else if ((PRIMARY_START.has(token.type) || this.isOperator('[') || this.isOperator('{')) && !['name:else', 'name:or', 'name:and'].some((rule) => TokenStream.test(token, rule))) {
      if (this.stream.test('name:is')) this.fail('You cannot chain multiple tests with is');
      call.args = [this.parsePostfix(this.parsePrimary())];
    }
    const test: Expr = { kind: 'test', target: node, name, call, at };
    return negated ? { kind: 'not', operand: test, at } : test;
  }

  /** An assignment target: a name, a tuple of names, or (with namespaces) `ns.attr`. */
  parseAssignTarget(options: { withTuple?: boolean; nameOnly?: boolean; extraEnd?: string[]; withNamespace?: boolean } = {}): Target {
    const token = this.stream.current;
    const at = position(token);
    if (options.nameOnly === true) return { kind: 'name', name: this.stream.expect('name').value as string, at };
    if (options.withNamespace === true && token.type === 'name' && this.isOperator('.', this.stream.look())) {
      this.stream.skip(2);
      return { kind: 'nsref', namespace: token.value as string, attribute: this.stream.expect('name').value as string, at };
    }
    const expr = options.withTuple === false ? this.parsePrimary() : this.parseTuple({ simplified: true, extraEnd: options.extraEnd });
    return toTarget(expr, this);
  }

  /** Raises the syntax error for an expression that cannot be assigned to. */
  cannotAssign(expr: Expr): never {
    throw new JinjaSyntaxError(`can't assign to ${expr.kind === 'const' ? 'const' : expr.kind}`, expr.at);
  }
}

function toTarget(expr: Expr, parser: ExpressionParser): Target {
  if (expr.kind === 'name') return expr;
  if (expr.kind === 'tuple') return { kind: 'tuple', items: expr.items.map((item) => toTarget(item, parser)), at: expr.at };
  return parser.cannotAssign(expr);
}
