import { describe, expect, it } from 'vitest';
import { PlyError } from '../errors/ply-error.js';
import { rewriteSekoiaSyntax } from './sekoia-syntax.js';
import { parseGuardedTemplate, type TemplateVocabulary } from './template-guard.js';

const vocabulary: TemplateVocabulary = {
  filters: new Set(['default', 'length', 'upper', 'join']),
  tests: new Set(['defined', 'divisibleby', 'null']),
};

const guard = (template: string) => parseGuardedTemplate(rewriteSekoiaSyntax(template), vocabulary);

function rejection(template: string): PlyError {
  try {
    guard(template);
  } catch (error) {
    if (error instanceof PlyError) return error;
    throw error;
  }
  throw new Error(`expected ${template} to be rejected`);
}

function expectForbidden(template: string, ...fragments: string[]): void {
  const error = rejection(template);
  expect(error.code, error.message).toBe('PLY_TEMPLATE_FORBIDDEN');
  for (const fragment of fragments) expect(error.message).toContain(fragment);
}

describe('parseGuardedTemplate', () => {
  it('accepts the template language playbooks use', () => {
    const templates = [
      'Alert {{ trigger.alert_uuid }} on {{ node.1.rule.name | upper }}',
      '{% if store.count is defined and store.count is divisibleby(2) %}even{% else %}odd{% endif %}',
      '{% for k, v in trigger.fields %}{{ k }}={{ v | default("-") }}{% endfor %}',
      '{% set names = trigger.items | join(",") %}{{ names | length }}',
      '{{ x if x is not null else [1, {"a": 2}] }} {{ 1 in [1] }} {{ "a" ~ b }} {{ a["b"] }}',
      '{% switch x %}{% case 1 %}one{% default %}other{% endswitch %}',
      '{% set block %}captured {{ x }}{% endset %}{% filter upper %}text{% endfilter %}',
    ];
    for (const template of templates) expect(() => guard(template), template).not.toThrow();
  });

  it('refuses function calls and names the callee', () => {
    expectForbidden('{{ range(10) }}', 'function call', '"range(…)"', 'line 1, column 9');
    expectForbidden('{{ x.items() }}', '"x.items(…)"');
    expectForbidden('{{ range.constructor("return 1")() }}', 'function call');
    expectForbidden('{% call x() %}y{% endcall %}', 'function call');
  });

  it('refuses template composition and macros', () => {
    expectForbidden('{% include "/etc/passwd" %}', '{% include %}');
    expectForbidden('{% import "x.njk" as x %}', '{% import %}');
    expectForbidden('{% from "x.njk" import y %}', '{% from ... import %}');
    expectForbidden('{% extends "base.njk" %}', '{% extends %}');
    expectForbidden('{% macro m(a) %}{{ a }}{% endmacro %}', '{% macro %}');
    expectForbidden('{% block b %}x{% endblock %}', '{% block %}');
    expectForbidden('{% asyncEach i in x %}{% endeach %}', '{% asyncEach %}');
  });

  it('refuses the prototype-reaching names wherever they appear', () => {
    expectForbidden('{{ x.constructor }}', 'attribute "constructor"');
    expectForbidden('{{ x["__proto__"] }}', 'attribute "__proto__"');
    expectForbidden('{{ x.prototype }}', 'attribute "prototype"');
    expectForbidden('{{ x.__lookupGetter__ }}', '__lookupGetter__');
    expectForbidden('{{ constructor }}', 'name "constructor"');
    expectForbidden('{{ k == "__defineSetter__" }}', 'string "__defineSetter__"');
    expectForbidden('{% set constructor = 1 %}', 'variable "constructor"');
    expectForbidden('{% for __proto__ in x %}{% endfor %}', 'loop variable "__proto__"');
  });

  it('refuses Python sandbox-escape names (double underscore)', () => {
    expectForbidden('{{ lipsum.__globals__ }}', '"__globals__"');
    expectForbidden('{{ x.__class__.__mro__ }}', '"__class__"');
    expectForbidden('{{ __builtins__ }}', '"__builtins__"');
  });

  it('refuses names that are not identifiers, which nunjucks would paste into generated code', () => {
    expectForbidden('{{ a"&&Function`x`&&"b }}', 'is not a valid identifier');
    expectForbidden('{% set "x\\");y;(\\"" = 1 %}', 'only names can be assigned');
  });

  it('refuses filters and tests that are not registered', () => {
    expectForbidden('{{ x | attr("a") }}', 'unknown filter "attr"');
    expectForbidden('{{ x | constructor }}', 'filter "constructor" is forbidden');
    expectForbidden('{{ x is callable }}', 'unknown test "callable"');
    expectForbidden('{{ x is a.b }}', 'must name a test');
  });

  it('refuses regular expression literals', () => {
    expectForbidden('{{ x | default(r/a+/g) }}', 'regular expression literal');
  });

  it('reports nunjucks syntax errors with line and column of the original template', () => {
    const error = rejection('ok\n{{ node.1.x + }}');
    expect(error.code).toBe('PLY_TEMPLATE_SYNTAX');
    expect(error.message).toMatch(/line 2, column \d+/);
    expect(error.message).toContain('"{{ node.1.x + }}"');
    expect(error.message).not.toMatch(/\n\s+at /);
  });
});
