import { describe, expect, it } from 'vitest';
import { formToValue, issuesToFieldErrors } from '../src/schema-form-values.js';

const SCHEMA = {
  type: 'object',
  properties: {
    ids: { type: 'array', items: { type: 'integer' } },
    names: { type: 'array', items: { type: 'string' } },
    level: { enum: [1, 2, 3] },
    extra: { type: 'object' },
    flag: { type: 'boolean' },
    nested: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'object', properties: { c: { type: 'number' } } } } },
  },
};

describe('reading a generated form back into a value of its schema', () => {
  it('splits lists by line or by comma, parses numbers, enums, JSON and booleans, and drops empty fields', async () => {
    const body = { 'x.ids': '1, 2,3', 'x.names': 'a, b\nc d', 'x.level': '2', 'x.extra': '{"k":[1]}', 'x.nested.b.c': '1.5', 'x.nested.a': '' };
    expect(formToValue(SCHEMA, body, ['x'])).toEqual({ value: { ids: [1, 2, 3], names: ['a, b', 'c d'], level: 2, extra: { k: [1] }, flag: false, nested: { b: { c: 1.5 } } }, errors: {} });
  });

  it('reports what cannot be parsed under its field', async () => {
    const { errors } = formToValue(SCHEMA, { 'x.ids': '1\ntwo', 'x.extra': '{nope' }, ['x']);
    expect(errors).toEqual({ 'x.ids': '"two" is not a number', 'x.extra': 'is not valid JSON' });
  });

  it('files schema issues under the deepest field on their pointer, the rest under the form', async () => {
    const issues = [
      { pointer: '/ids/1', message: 'must be integer' },
      { pointer: '/nested/b/c', message: 'must be number' },
      { pointer: '/unknown', message: 'property "unknown" is not allowed' },
    ];
    expect(issuesToFieldErrors(issues, SCHEMA, ['x'])).toEqual({ 'x.ids': 'must be integer', 'x.nested.b.c': 'must be number', '': '/unknown property "unknown" is not allowed' });
  });
});
