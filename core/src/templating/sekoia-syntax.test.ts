import { describe, expect, it } from 'vitest';
import { PlyError } from '../errors/ply-error.js';
import { nunjucksInternals } from './nunjucks-internals.js';
import { rewriteSekoiaSyntax } from './sekoia-syntax.js';

const rewrite = (template: string) => rewriteSekoiaSyntax(template).source;

function syntaxErrorOf(template: string): PlyError {
  try {
    rewriteSekoiaSyntax(template);
  } catch (error) {
    if (error instanceof PlyError) return error;
    throw error;
  }
  throw new Error(`expected ${template} to be rejected`);
}

describe('rewriteSekoiaSyntax', () => {
  it('turns numeric attributes into subscripts, which nunjucks 3.2.4 needs to parse them at all', () => {
    expect(() => nunjucksInternals().parser.parse('{{ node.1.rule.name }}')).toThrow(/expected name as lookup value/);
    expect(rewrite('{{ node.1.rule.name }}')).toBe('{{ node[1].rule.name }}');
    expect(() => nunjucksInternals().parser.parse(rewrite('{{ node.1.rule.name }}'))).not.toThrow();
  });

  it('handles multi-digit and repeated numeric attributes', () => {
    expect(rewrite('{{ node.12.x }}')).toBe('{{ node[12].x }}');
    expect(rewrite('{{ a.0.b.3 }}')).toBe('{{ a[0].b[3] }}');
    expect(rewrite('{{ a.0.1 }}')).toBe('{{ a[0][1] }}');
    expect(rewrite('{{ f(x).2 }} {{ a[0].1 }}')).toBe('{{ f(x)[2] }} {{ a[0][1] }}');
  });

  it('rewrites inside statements and filter arguments too', () => {
    expect(rewrite('{% if node.1.ok %}{% for i in node.2.items %}{{ i }}{% endfor %}{% endif %}')).toBe(
      '{% if node[1].ok %}{% for i in node[2].items %}{{ i }}{% endfor %}{% endif %}',
    );
    expect(rewrite('{{ x | default(node.3.y) }}')).toBe('{{ x | default(node[3].y) }}');
    expect(rewrite('{{- node.1.x -}}')).toBe('{{- node[1].x -}}');
  });

  it('leaves float literals alone', () => {
    expect(rewrite('{{ 1.5 }}')).toBe('{{ 1.5 }}');
    expect(rewrite('{{ x + 10.25 * 2 }}')).toBe('{{ x + 10.25 * 2 }}');
    expect(rewrite('{{ x.1abc }}')).toBe('{{ x.1abc }}');
  });

  it('never touches string literals inside blocks', () => {
    expect(rewrite(`{{ "node.1.x" }} {{ 'a.2' ~ node.3 }}`)).toBe(`{{ "node.1.x" }} {{ 'a.2' ~ node[3] }}`);
    expect(rewrite('{{ "say \\"x.1\\"" ~ y.4 }}')).toBe('{{ "say \\"x.1\\"" ~ y[4] }}');
    expect(rewrite('{{ "}}.1" ~ a.5 }}')).toBe('{{ "}}.1" ~ a[5] }}');
  });

  it('never touches plain text, comments or raw blocks', () => {
    const text = 'version 1.2 of node.1 {# node.1.x #} {% raw %}{{ node.1.x }}{% endraw %} and {{ node.1.x }}';
    expect(rewrite(text)).toBe('version 1.2 of node.1 {# node.1.x #} {% raw %}{{ node.1.x }}{% endraw %} and {{ node[1].x }}');
  });

  it('maps positions in the rewritten source back to the original template', () => {
    const front = rewriteSekoiaSyntax('{{ node.1.a }}\n{{ node.1.b.2 | nope }}');
    expect(front.source).toBe('{{ node[1].a }}\n{{ node[1].b[2] | nope }}');
    expect(front.locate({ line: 2, column: 20 })).toEqual({ line: 2, column: 18 });
    expect(front.locate({ line: 1, column: 4 })).toEqual({ line: 1, column: 4 });
  });

  it('reports an unclosed tag with its line and column', () => {
    const error = syntaxErrorOf('first line\nsecond {{ trigger.x');
    expect(error.code).toBe('PLY_TEMPLATE_SYNTAX');
    expect(error.message).toContain('unclosed "{{"');
    expect(error.message).toContain('line 2, column 8');
    expect(error.details).toMatchObject({ line: 2, column: 8 });
  });

  it('reports unclosed statements, comments and string literals', () => {
    expect(syntaxErrorOf('{% if x').message).toContain('unclosed "{%"');
    expect(syntaxErrorOf('a {# note').message).toContain('unclosed comment');
    expect(syntaxErrorOf('{{ "abc }}').message).toContain('unterminated string literal');
    expect(syntaxErrorOf('x\n  #} y').message).toContain('"#}" outside a comment at line 2, column 3');
  });
});
