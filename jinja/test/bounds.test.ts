import { describe, expect, it } from 'vitest';
import { Environment, JinjaLimitError } from '../src/index.js';

function limitError(action: () => unknown): JinjaLimitError {
  try {
    action();
  } catch (error) {
    if (error instanceof JinjaLimitError) return error;
    throw error;
  }
  throw new Error('expected JINJA_LIMIT, the template rendered');
}

const big = Array.from({ length: 3000 }, (_, i) => ({ id: i, name: `item-${i}` }));

describe('rendering bounds', () => {
  const environment = new Environment();

  it('stops the nested loop over two 3,000-item webhook lists at the step budget', () => {
    const template = '{% for a in body.left %}{% for b in body.right %}{% if a.id == b.id %}{{ a.name }}{% endif %}{% endfor %}{% endfor %}';
    const error = limitError(() => environment.renderString(template, { body: { left: big, right: big } }));
    expect(error.code).toBe('JINJA_LIMIT');
    expect(error.limit).toBe('steps');
    expect(error.message).toContain('1000000 steps');
  });

  it('stops s ~ s doubling before the string is built', () => {
    const template = '{% set ns = namespace(s="x") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}';
    const error = limitError(() => environment.renderString(template, {}));
    expect(error.limit).toBe('value-size');
  });

  it("refuses 'x' * 10**9 before allocating it", () => {
    expect(limitError(() => environment.renderString("{{ 'x' * 10**9 }}", {})).limit).toBe('value-size');
    expect(limitError(() => environment.renderString('{{ 10 ** 100000000 }}', {})).limit).toBe('value-size');
  });

  it('bounds the output', () => {
    const small = new Environment({ limits: { maxOutputLength: 100 } });
    const error = limitError(() => small.renderString("{% for i in range(50) %}{{ 'abc' }}{% endfor %}", {}));
    expect(error.limit).toBe('output');
    expect(error.maximum).toBe(100);
  });

  it('bounds macro recursion', () => {
    const error = limitError(() => environment.renderString('{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}', {}));
    expect(error.limit).toBe('depth');
  });

  it('bounds printing of deeply nested data', () => {
    let nested: unknown = 'leaf';
    for (let i = 0; i < 500; i += 1) nested = [nested];
    expect(limitError(() => environment.renderString('{{ x }}', { x: nested })).limit).toBe('depth');
    expect(limitError(() => environment.renderString('{{ x | tojson }}', { x: nested })).limit).toBe('depth');
  });

  it('takes per-render limits tighter than the environment', () => {
    const template = environment.compile('{% for i in range(100) %}{{ i }}{% endfor %}');
    expect(template.render({})).toHaveLength(190);
    expect(limitError(() => template.render({}, { limits: { maxSteps: 50 } })).limit).toBe('steps');
  });

  it('charges filter work by size, so a cheap-looking loop over a big list still stops', () => {
    const template = '{% for i in range(100000) %}{% if (items | sort(attribute="id") | first).id == -1 %}x{% endif %}{% endfor %}';
    expect(limitError(() => environment.renderString(template, { items: big })).limit).toBe('steps');
  });

  it('names the template in the error', () => {
    const error = limitError(() => environment.compile("{{ 'x' * 10**9 }}", 'arguments.body').render({}));
    expect(error.message).toContain('"arguments.body"');
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => new Environment({ limits: { maxSteps: 0 } })).toThrow(/maxSteps must be a positive integer/);
  });
});
