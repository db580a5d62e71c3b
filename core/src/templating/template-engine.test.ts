import { describe, expect, it } from 'vitest';
import { PlyError } from '../errors/ply-error.js';
import { TemplateEngine } from './template-engine.js';

const context = {
  trigger: { alert_uuid: 'a1b2', tags: ['phishing', 'mail'], severity: 70, open: true, rule: null },
  node: { '1': { rule: { name: 'Brute force' }, ips: ['10.0.0.1', '10.0.0.2'] }, '12': { x: 'twelve' } },
  store: { key: 'stored', counter: 3 },
  foreach: { item: { host: 'srv-1' }, index: 0 },
};

function errorOf(action: () => unknown): PlyError {
  try {
    action();
  } catch (error) {
    if (error instanceof PlyError) return error;
    throw error;
  }
  throw new Error('expected a PlyError');
}

describe('TemplateEngine.renderString', () => {
  const engine = new TemplateEngine();

  it('reads the Sekoia context names', () => {
    expect(engine.renderString('{{ trigger.alert_uuid }}', context)).toBe('a1b2');
    expect(engine.renderString('{{ store.key }}', context)).toBe('stored');
    expect(engine.renderString('{{ foreach.item.host }}', context)).toBe('srv-1');
  });

  it('accepts Sekoia numeric attributes', () => {
    expect(engine.renderString('Rule: {{ node.1.rule.name }}', context)).toBe('Rule: Brute force');
    expect(engine.renderString('{{ node.12.x }} {{ node.1.ips.1 }}', context)).toBe('twelve 10.0.0.2');
  });

  it('leaves string literals containing ".1" as they are', () => {
    expect(engine.renderString('{{ "node.1.rule" }} {{ \'v1.2\' }}', context)).toBe('node.1.rule v1.2');
  });

  it('renders missing values as empty text, like Jinja', () => {
    expect(engine.renderString('[{{ trigger.nope }}][{{ nope }}][{{ "a" ~ nope ~ "b" }}]', context)).toBe('[][][ab]');
  });

  it('fails, as Jinja2 does, on an attribute of a missing value', () => {
    const error = errorOf(() => engine.renderString('{{ nope.deeper }}', context));
    expect(error.code).toBe('PLY_TEMPLATE_ERROR');
    expect(error.message).toContain("'nope' is undefined");
  });

  it('writes lists and mappings as Python prints them, as Jinja2 does', () => {
    expect(engine.renderString('tags={{ trigger.tags }} item={{ foreach.item }}', context)).toBe("tags=['phishing', 'mail'] item={'host': 'srv-1'}");
  });

  it('does not escape HTML', () => {
    expect(engine.renderString('{{ "<a href=\'x\'>&</a>" }}', { })).toBe("<a href='x'>&</a>");
  });

  it('supports control flow', () => {
    const template = '{% for tag in trigger.tags %}{% if not loop.first %}, {% endif %}{{ loop.index }}:{{ tag | upper }}{% endfor %}';
    expect(engine.renderString(template, context)).toBe('1:PHISHING, 2:MAIL');
    expect(engine.renderString('{% set n = store.counter * 2 %}{{ n }}', context)).toBe('6');
    expect(engine.renderString('{{ "yes" if trigger.severity > 50 else "no" }}', context)).toBe('yes');
    expect(engine.renderString('{{ "mail" in trigger.tags }} {{ trigger.rule is none }}', context)).toBe('True True');
  });

  it('turns render-time failures into PLY_TEMPLATE_ERROR naming the template', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const error = errorOf(() => engine.renderString('Body: {{ data | tojson }}', { data: cyclic }));
    expect(error.code).toBe('PLY_TEMPLATE_ERROR');
    expect(error.message).toContain('could not be rendered');
    expect(error.message).toMatch(/circular/i);
    expect(error.message).toContain('"Body: {{ data | tojson }}"');
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it('reports a syntax error with its line', () => {
    const error = errorOf(() => engine.renderString('line one\nline two {{ trigger.alert_uuid', context));
    expect(error.code).toBe('PLY_TEMPLATE_SYNTAX');
    expect(error.message).toContain('line 2');
    expect(error.message).toContain('"line two {{ trigger.alert_uuid"');
  });

  it('fails with PLY_TEMPLATE_LIMIT past the step budget, naming the limit', () => {
    const bounded = new TemplateEngine({ limits: { maxSteps: 1000 } });
    const error = errorOf(() => bounded.renderString('{% for i in range(5000) %}{{ i }}{% endfor %}', context));
    expect(error.code).toBe('PLY_TEMPLATE_LIMIT');
    expect(error.details).toMatchObject({ limit: 'steps', maximum: 1000 });
    expect(error.message).toContain('1000 steps');
  });
});

describe('TemplateEngine.renderValue', () => {
  const engine = new TemplateEngine();

  it('keeps the JSON type of a lone expression', () => {
    expect(engine.renderValue('{{ trigger.tags }}', context)).toEqual(['phishing', 'mail']);
    expect(engine.renderValue('{{ foreach.item }}', context)).toEqual({ host: 'srv-1' });
    expect(engine.renderValue('{{ trigger.severity }}', context)).toBe(70);
    expect(engine.renderValue('{{ trigger.open }}', context)).toBe(true);
    expect(engine.renderValue('{{ trigger.rule }}', context)).toBeNull();
    expect(engine.renderValue('{{ node.1.ips | length }}', context)).toBe(2);
    expect(engine.renderValue('  {{ node.1.rule }}\n', context)).toEqual({ name: 'Brute force' });
    expect(engine.renderValue('{{- store.counter -}}', context)).toBe(3);
  });

  it('turns a missing value into null', () => {
    expect(engine.renderValue('{{ trigger.missing }}', context)).toBeNull();
    expect(engine.renderValue('{{ nope }}', context)).toBeNull();
  });

  it('renders a lone expression as text where only a string is accepted', () => {
    const value = { port: '{{ trigger.severity }}', tags: '{{ trigger.tags }}', keep: '{{ trigger.severity }}' };
    const rendered = engine.renderValue(value, context, { textAt: (pointer) => pointer !== '/keep' });
    expect(rendered).toEqual({ port: '70', tags: "['phishing', 'mail']", keep: 70 });
  });

  it('returns a copy, so changing the result cannot change the context', () => {
    const tags = engine.renderValue('{{ trigger.tags }}', context) as string[];
    tags.push('changed');
    expect(context.trigger.tags).toEqual(['phishing', 'mail']);
  });

  it('renders mixed text, several expressions and statements to strings', () => {
    expect(engine.renderValue('severity {{ trigger.severity }}', context)).toBe('severity 70');
    expect(engine.renderValue('{{ trigger.severity }}{{ store.counter }}', context)).toBe('703');
    expect(engine.renderValue('{% if trigger.open %}{{ trigger.severity }}{% endif %}', context)).toBe('70');
    expect(engine.renderValue('{{ trigger.severity }} {# note #}', context)).toBe(70);
  });

  it('walks arrays and objects, rendering values and never keys', () => {
    const value = {
      '{{ trigger.alert_uuid }}': 'key stays',
      alert: '{{ trigger.alert_uuid }}',
      list: ['{{ trigger.severity }}', 'plain', 5, null, { deep: ['{{ node.1.rule.name | lower }}'] }],
      flag: false,
    };
    expect(engine.renderValue(value, context)).toEqual({
      '{{ trigger.alert_uuid }}': 'key stays',
      alert: 'a1b2',
      list: [70, 'plain', 5, null, { deep: ['brute force'] }],
      flag: false,
    });
    expect(value.alert).toBe('{{ trigger.alert_uuid }}');
  });

  it('leaves strings without {{ or {% untouched', () => {
    expect(engine.renderValue('50% off {# not a tag #}', context)).toBe('50% off {# not a tag #}');
  });

  it('says where in the value a failing template sits', () => {
    const error = errorOf(() => engine.renderValue({ args: { items: ['ok', '{{ x | nope }}'] } }, context));
    expect(error.code).toBe('PLY_TEMPLATE_FORBIDDEN');
    expect(error.details['pointer']).toBe('/args/items/1');
    expect(error.message).toContain('unknown filter "nope"');
    expect(error.message).toContain('(value at /args/items/1)');
  });
});

describe('TemplateEngine.renderValueMarked', () => {
  const engine = new TemplateEngine();
  const context = { trigger: { token: 'tok-4b1d9e0f', user: 'alice' } };

  it('reports what every templated string of a value derives from a secret, whether text or a lone expression', () => {
    const { value, marks } = engine.renderValueMarked(
      { header: 'Bearer {{ trigger.token | upper }}', list: ['{{ trigger.token[::-1] }}', '{{ trigger.user }}'], plain: 'tok-4b1d9e0f' },
      context,
      { secrets: new Set(['tok-4b1d9e0f']) },
    );
    expect(value).toEqual({ header: 'Bearer TOK-4B1D9E0F', list: ['f0e9d1b4-kot', 'alice'], plain: 'tok-4b1d9e0f' });
    expect(marks).toEqual(['TOK-4B1D9E0F', 'f0e9d1b4-kot']);
  });

  it('reports nothing without secrets', () => {
    expect(engine.renderValueMarked('{{ trigger.token }}', context).marks).toEqual([]);
  });
});
