import { afterEach, describe, expect, it } from 'vitest';
import { PlyError } from '../errors/ply-error.js';
import { TemplateEngine } from './template-engine.js';

/**
 * Well-known nunjucks/Jinja sandbox escapes. On a default nunjucks environment several of these
 * run arbitrary JavaScript; each one either throws PLY_TEMPLATE_FORBIDDEN or renders without
 * running code (the sentinel global stays unset).
 */
const sentinel = globalThis as { __plyPwned?: unknown };
const SET = 'globalThis.__plyPwned=1';

const context = {
  x: {},
  k: 'constructor',
  p: '__proto__',
  s: 'toString',
  trigger: { list: [1, 2], k: 'constructor' },
};

const engine = new TemplateEngine();

afterEach(() => {
  const pwned = sentinel.__plyPwned;
  delete sentinel.__plyPwned;
  expect(pwned, 'template ran arbitrary JavaScript').toBeUndefined();
});

function forbidden(template: string, render: (t: string) => unknown): PlyError {
  try {
    render(template);
  } catch (error) {
    if (error instanceof PlyError) return error;
    throw error;
  }
  throw new Error(`${template} rendered without error`);
}

const renderers: Record<string, (template: string) => unknown> = {
  renderString: (template) => engine.renderString(template, context),
  renderValue: (template) => engine.renderValue(template, context),
};

const payloads = [
  `{{ range.constructor("${SET}")() }}`,
  `{{ cycler.constructor("${SET}")() }}`,
  `{{ joiner.constructor("${SET}")() }}`,
  `{{ "".constructor.constructor("${SET}")() }}`,
  `{{ [].constructor.constructor("${SET}")() }}`,
  `{{ ({}).constructor.constructor("${SET}")() }}`,
  '{{ ({}).constructor }}',
  '{{ ({})["constructor"] }}',
  '{{ x.__proto__ }}',
  '{{ x["__proto__"]["polluted"] }}',
  '{{ x.prototype }}',
  '{{ x.__defineGetter__ }}',
  '{{ x.__lookupSetter__ }}',
  '{{ "abc" | attr("constructor") }}',
  '{{ x | constructor }}',
  '{{ x | __ply_capture }}',
  '{% set f = range.constructor %}{{ f }}',
  `{% set f = range %}{{ f.constructor("${SET}")() }}`,
  `{{ x[k][k]("${SET}")() }}`,
  '{{ x[k] }}',
  '{{ x[p] }}',
  '{{ trigger[trigger.k] }}',
  '{{ trigger.list | join(",", k) }}',
  '{{ trigger.list | sort(attribute=k) }}',
  '{{ trigger.list | map(attribute=k) }}',
  '{{ lipsum.__globals__ }}',
  '{{ self.__init__.__globals__.os }}',
  "{{ ''.__class__.__mro__[1].__subclasses__() }}",
  '{{ request.application.__globals__ }}',
  '{% include "/etc/passwd" %}',
  '{% import "/etc/passwd" as p %}',
  '{% from "/etc/passwd" import x %}',
  '{% extends "/etc/passwd" %}',
  `{{ a"&&Function\`${SET.replace('.', '\\x2e').replace('=', '\\x3d')}\`\`\`&&"b }}`,
  `{% set "a\\");${SET};(\\"" = 1 %}`,
  `{% for "a\\");${SET};(\\"" in [1] %}{% endfor %}`,
  `{% for a, "b\\");${SET};(\\"" in [[1, 2]] %}{% endfor %}`,
  `{{ 1 is constructor("${SET}") }}`,
  `{{ x | replace(r/a/, "b") }}`,
];

const SYNTAX_ONLY = new Set(payloads.filter((payload) => payload.startsWith('{% for ') || payload.startsWith('{% set "') || payload.startsWith('{{ a"') || payload.includes('r/a/')));

describe.each(Object.keys(renderers))('%s refuses sandbox escapes', (method) => {
  const render = renderers[method] as (template: string) => unknown;

  it.each(payloads)('%s', (payload) => {
    const error = forbidden(payload, render);
    // Shapes that are not Jinja at all (string assignment targets, code pasted between names, regex
    // literals) are syntax errors in Jinja2's grammar; every other payload is refused as forbidden.
    if (SYNTAX_ONLY.has(payload)) expect(error.code, error.message).toBe('PLY_TEMPLATE_SYNTAX');
    else expect(error.code, error.message).toBe('PLY_TEMPLATE_FORBIDDEN');
  });
});

describe('harmless lookups of dangerous-looking data', () => {
  it('never hands out a function, so there is nothing to call', () => {
    expect(engine.renderValue('{{ x[s] }}', context)).toBeNull();
    expect(engine.renderValue('{{ x.toString }}', context)).toBeNull();
    expect(engine.renderValue('{{ trigger.list.map }}', context)).toBeNull();
    expect(engine.renderValue('{{ "abc".toUpperCase }}', context)).toBeNull();
    expect(engine.renderValue('{{ x[s] is defined or trigger.list.map is defined or x.hasOwnProperty is defined }}', context)).toBe(false);
  });

  it("exposes Jinja2's globals only as values that print, never as JavaScript functions", () => {
    expect(engine.renderValue('{{ range }}', context)).toBe('<function safe_range>');
    expect(engine.renderString('{{ cycler }}|{{ joiner }}', context)).toBe("<class 'jinja2.utils.Cycler'>|<class 'jinja2.utils.Joiner'>");
    expect(engine.renderValue('{{ range(3) | list }}', context)).toEqual([0, 1, 2]);
  });

  it('runs in-template macros and call blocks, which reach nothing outside the template', () => {
    expect(engine.renderString('{% macro m() %}x{% endmacro %}{{ m() }}', context)).toBe('x');
    expect(engine.renderString('{{ "abc" | attr("length") }}', context)).toBe('');
    const error = forbidden('{% call range(1) %}x{% endcall %}', (t) => engine.renderString(t, context));
    expect(error.code).toBe('PLY_TEMPLATE_ERROR');
  });

  it('cannot pollute Object.prototype through JSON data with a "__proto__" key', () => {
    const data = JSON.parse('{"__proto__": {"polluted": "yes"}, "a": "{{ 1 }}"}') as Record<string, unknown>;
    const rendered = engine.renderValue(data, {}) as Record<string, unknown>;
    expect(Object.hasOwn(rendered, '__proto__')).toBe(true);
    expect(rendered['a']).toBe(1);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reports a dynamic forbidden key as PLY_TEMPLATE_FORBIDDEN naming the key', () => {
    const error = forbidden('{{ x[k] }}', renderers['renderString'] as (t: string) => unknown);
    expect(error.code).toBe('PLY_TEMPLATE_FORBIDDEN');
    expect(error.message).toContain('"constructor"');
    expect(error.message).toContain('{{ x[k] }}');
  });
});
