import { afterEach, describe, expect, it } from 'vitest';
import { Environment, JinjaForbiddenError, isJinjaError } from '../src/index.js';

const sentinel = globalThis as { __jinjaPwned?: unknown };
const SET = 'globalThis.__jinjaPwned=1';

afterEach(() => {
  const pwned = sentinel.__jinjaPwned;
  delete sentinel.__jinjaPwned;
  expect(pwned, 'a template ran JavaScript').toBeUndefined();
});

const environment = new Environment();
const data = { x: {}, k: 'constructor', fn: () => SET, list: [1, 2] };

function failure(template: string): Error {
  try {
    environment.renderString(template, data);
  } catch (error) {
    if (isJinjaError(error)) return error;
    throw error;
  }
  throw new Error(`${template} rendered`);
}

describe('sandbox', () => {
  it.each([
    `{{ range.constructor("${SET}")() }}`,
    `{{ "".constructor.constructor("${SET}")() }}`,
    '{{ x.__proto__ }}',
    '{{ x["__proto__"] }}',
    '{{ x[k] }}',
    '{{ x.prototype }}',
    '{{ lipsum.__globals__ }}',
    "{{ ''.__class__.__mro__ }}",
    '{{ cycler.__init__ }}',
    '{{ "{0.__class__}".format(x) }}',
  ])('refuses %s', (template) => {
    expect(failure(template)).toBeInstanceOf(JinjaForbiddenError);
  });

  it('refuses include, import, from, extends and block, naming the tag', () => {
    for (const tag of ['include "x"', 'import "x" as y', 'from "x" import y', 'extends "x"', 'block b']) {
      const error = failure(`{% ${tag} %}`);
      expect(error).toBeInstanceOf(JinjaForbiddenError);
      expect(error.message).toContain(`{% ${tag.split(' ')[0] as string} %}`);
    }
  });

  it('never calls a function found in the data: it reads as missing', () => {
    expect(failure('{{ fn() }}').message).toContain("'fn' is undefined");
    expect(environment.renderString('[{{ fn }}]', data)).toBe('[]');
  });

  it('reads no inherited member of the data', () => {
    expect(environment.renderString('[{{ x.toString }}][{{ list.map }}][{{ x.hasOwnProperty }}]', data)).toBe('[][][]');
  });

  it('never changes the data: methods that mutate refuse lists and dicts from the data', () => {
    expect(failure('{{ list.append(3) }}')).toBeInstanceOf(JinjaForbiddenError);
    expect(failure('{{ x.update({"a": 1}) }}')).toBeInstanceOf(JinjaForbiddenError);
    expect(data.list).toEqual([1, 2]);
  });

  it('gives positions with errors', () => {
    const error = failure('line one\n{{ 1 + "a" }}');
    expect(error.message).toContain('line 2');
    expect(error.message).toContain("unsupported operand type(s) for +: 'int' and 'str'");
  });
});
