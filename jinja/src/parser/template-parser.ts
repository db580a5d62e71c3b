import { JinjaForbiddenError, JinjaSyntaxError } from '../errors/jinja-error.js';
import { tokenize } from '../lexer/lexer.js';
import { normalizeSource } from '../lexer/source-lines.js';
import type { Expr, MacroSignature, Stmt, TemplateAst } from './ast.js';
import { ExpressionParser } from './expression-parser.js';
import { position, TokenStream } from './token-stream.js';

/** Tags that load other templates: there is no loader, so they are refused. */
const COMPOSITION_TAGS = new Set(['include', 'import', 'from', 'extends', 'block']);

/**
 * Parses a template source into statements (Jinja2's grammar: parser.py). Newlines are
 * normalized first, as Jinja2's lexer does.
 *
 * @throws JinjaSyntaxError for malformed templates; JinjaForbiddenError for `include`, `import`,
 *   `from`, `extends` and `block`, which need a loader.
 */
export function parseTemplate(source: string): TemplateAst {
  const parser = new StatementParser(new TokenStream(tokenize(normalizeSource(source))));
  return { body: parser.parseBody() };
}

class StatementParser extends ExpressionParser {
  private readonly endTokens: string[][] = [];
  private readonly tagStack: string[] = [];

  parseBody(): Stmt[] {
    return this.subparse(undefined);
  }

  private subparse(endTokens: string[] | undefined): Stmt[] {
    const body: Stmt[] = [];
    let output: (string | Expr)[] = [];
    let outputAt = position(this.stream.current);
    const flush = () => {
      if (output.length > 0) body.push({ kind: 'output', nodes: output, at: outputAt });
      output = [];
    };
    if (endTokens !== undefined) this.endTokens.push(endTokens);
    try {
      while (this.stream.current.type !== 'eof') {
        const token = this.stream.current;
        if (output.length === 0) outputAt = position(token);
        if (token.type === 'data') {
          output.push(token.value as string);
          this.stream.next();
        } else if (token.type === 'variable_begin') {
          this.stream.next();
          output.push(this.parseTuple({ withCondition: true }));
          this.stream.expect('variable_end');
        } else if (token.type === 'block_begin') {
          flush();
          this.stream.next();
          if (endTokens !== undefined && endTokens.some((rule) => this.stream.test(rule))) return body;
          body.push(...this.parseStatement());
          this.stream.expect('block_end');
        } else {
          this.fail('internal parsing error');
        }
      }
      flush();
      return body;
    } finally {
      if (endTokens !== undefined) this.endTokens.pop();
    }
  }

  private parseStatement(): Stmt[] {
    const token = this.stream.current;
    if (token.type !== 'name') this.fail('tag name expected');
    const tag = token.value as string;
    if (COMPOSITION_TAGS.has(tag)) {
      throw new JinjaForbiddenError(`the {% ${tag} %} tag is not available: templates cannot load other templates`, position(token));
    }
    this.tagStack.push(tag);
    try {
      switch (tag) {
        case 'for':
          return [this.parseFor()];
        case 'if':
          return [this.parseIf()];
        case 'set':
          return [this.parseSet()];
        case 'with':
          return [this.parseWith()];
        case 'macro':
          return [this.parseMacro()];
        case 'call':
          return [this.parseCallBlock()];
        case 'filter':
          return [this.parseFilterBlock()];
        case 'print':
          return [this.parsePrint()];
        case 'autoescape':
          return [this.parseAutoescape()];
        default:
          break;
      }
    } finally {
      this.tagStack.pop();
    }
    return this.failUnknownTag(tag);
  }

  private failUnknownTag(tag: string | undefined): never {
    const expected = new Set(this.endTokens.flat().map((rule) => rule.slice(rule.indexOf(':') + 1)));
    const looking = this.endTokens.at(-1)?.map((rule) => `'${rule.slice(rule.indexOf(':') + 1)}'`).join(' or ');
    const parts = [tag === undefined ? 'Unexpected end of template.' : `Encountered unknown tag '${tag}'.`];
    if (looking !== undefined) {
      if (tag !== undefined && expected.has(tag)) parts.push(`You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ${looking}.`);
      else parts.push(`Jinja was looking for the following tags: ${looking}.`);
    }
    if (this.tagStack.length > 0) parts.push(`The innermost block that needs to be closed is '${this.tagStack.at(-1) as string}'.`);
    throw new JinjaSyntaxError(parts.join(' '), position(this.stream.current));
  }

  private parseStatements(endTokens: string[], dropNeedle = false): Stmt[] {
    this.skipOperator(':');
    this.stream.expect('block_end');
    const body = this.subparse(endTokens);
    if (this.stream.current.type === 'eof') {
      this.endTokens.push(endTokens);
      try {
        this.failUnknownTag(undefined);
      } finally {
        this.endTokens.pop();
      }
    }
    if (dropNeedle) this.stream.next();
    return body;
  }

  private parseFor(): Stmt {
    const at = position(this.stream.expect('name:for'));
    const target = this.parseAssignTarget({ extraEnd: ['name:in'] });
    this.stream.expect('name:in');
    const iterable = this.parseTuple({ withCondition: false, extraEnd: ['name:recursive'] });
    const filter = this.stream.skipIf('name:if') ? this.parseExpression() : undefined;
    const recursive = this.stream.skipIf('name:recursive');
    const body = this.parseStatements(['name:endfor', 'name:else']);
    const otherwise = this.stream.next().value === 'endfor' ? [] : this.parseStatements(['name:endfor'], true);
    return { kind: 'for', target, iterable, filter, recursive, body, otherwise, at };
  }

  private parseIf(): Stmt {
    const at = position(this.stream.expect('name:if'));
    const branches: { test: Expr; body: Stmt[] }[] = [];
    let otherwise: Stmt[] = [];
    for (;;) {
      const test = this.parseTuple({ withCondition: false });
      branches.push({ test, body: this.parseStatements(['name:elif', 'name:else', 'name:endif']) });
      const token = this.stream.next();
      if (token.value === 'elif') continue;
      if (token.value === 'else') otherwise = this.parseStatements(['name:endif'], true);
      break;
    }
    return { kind: 'if', branches, otherwise, at };
  }

  private parseSet(): Stmt {
    const at = position(this.stream.next());
    const target = this.parseAssignTarget({ withNamespace: true });
    if (this.skipOperator('=')) return { kind: 'set', target, value: this.parseTuple(), at };
    const filter = this.parseFilter(undefined);
    const body = this.parseStatements(['name:endset'], true);
    return { kind: 'setblock', target, filter, body, at };
  }

  private parseWith(): Stmt {
    const at = position(this.stream.next());
    const targets = [];
    const values = [];
    while (this.stream.current.type !== 'block_end') {
      if (targets.length > 0) this.expectOperator(',');
      targets.push(this.parseAssignTarget());
      this.expectOperator('=');
      values.push(this.parseExpression());
    }
    return { kind: 'with', targets, values, body: this.parseStatements(['name:endwith'], true), at };
  }

  private parseSignature(): MacroSignature {
    const signature: MacroSignature = { params: [], defaults: [] };
    this.expectOperator('(');
    while (!this.isOperator(')')) {
      if (signature.params.length > 0) this.expectOperator(',');
      const name = this.stream.expect('name').value as string;
      if (this.skipOperator('=')) signature.defaults.push(this.parseExpression());
      else if (signature.defaults.length > 0) this.fail('non-default argument follows default argument');
      signature.params.push(name);
    }
    this.expectOperator(')');
    return signature;
  }

  private parseMacro(): Stmt {
    const at = position(this.stream.next());
    const name = this.stream.expect('name').value as string;
    const signature = this.parseSignature();
    return { kind: 'macro', name, signature, body: this.parseStatements(['name:endmacro'], true), at };
  }

  private parseCallBlock(): Stmt {
    const at = position(this.stream.next());
    const signature = this.isOperator('(') ? this.parseSignature() : { params: [], defaults: [] };
    const call = this.parseExpression();
    if (call.kind !== 'call') throw new JinjaSyntaxError('expected call', at);
    return { kind: 'callblock', signature, call, body: this.parseStatements(['name:endcall'], true), at };
  }

  private parseFilterBlock(): Stmt {
    const at = position(this.stream.next());
    const filter = this.parseFilter(undefined, true) as Expr;
    return { kind: 'filterblock', filter, body: this.parseStatements(['name:endfilter'], true), at };
  }

  private parsePrint(): Stmt {
    const at = position(this.stream.next());
    const nodes: Expr[] = [];
    while (this.stream.current.type !== 'block_end') {
      if (nodes.length > 0) this.expectOperator(',');
      nodes.push(this.parseExpression());
    }
    return { kind: 'output', nodes, at };
  }

  private parseAutoescape(): Stmt {
    const at = position(this.stream.next());
    const flag = this.parseExpression();
    if (!(flag.kind === 'const' && flag.value === false)) {
      throw new JinjaForbiddenError('{% autoescape %} is only available with false: Ply renders JSON and text, never HTML', at);
    }
    return { kind: 'scope', body: this.parseStatements(['name:endautoescape'], true), at };
  }
}
