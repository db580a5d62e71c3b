import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toManifestSchema } from '@ply/core';
import { schemaNarrowings } from './schema-narrowings.js';

const results = (schema: z.ZodType) => toManifestSchema(schema, 'output');
const args = (schema: z.ZodType) => toManifestSchema(schema, 'input');

describe('schemaNarrowings', () => {
  const reference = {
    type: 'object',
    properties: {
      total: { type: 'integer' },
      events: { type: 'array', items: { type: 'object', properties: { port: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } } } },
      ratio: { type: ['number', 'null'] },
    },
    required: ['total'],
  };

  it('finds nothing when a loose results schema declares the reference fields with optional members', () => {
    const ours = results(
      z.looseObject({
        total: z.number().int(),
        events: z.array(z.looseObject({ port: z.number().int().optional() })).optional(),
        ratio: z.number().nullable().optional(),
      }),
    );
    expect(schemaNarrowings(ours, reference, 'results')).toEqual([]);
  });

  it('reports a refused type, a closed object, and a requirement the reference does not have', () => {
    const ours = results(z.object({ total: z.string(), events: z.array(z.object({ port: z.number().int() })), ratio: z.number() }));
    const found = schemaNarrowings(ours, reference, 'results').map((narrowing) => `${narrowing.pointer}: ${narrowing.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        '/properties/total: refuses integer values, which the reference accepts',
        '/properties/events/items/properties/tags: "tags" is not declared and the object is closed',
        '/properties/ratio: refuses null values, which the reference accepts',
        '/required: requires "events", which the reference does not',
        '/properties/events/items/required: requires "port", which the reference does not',
      ]),
    );
  });

  it('takes an integer where a number is accepted, and follows $ref and allOf wrappers of pydantic schemas', () => {
    const pydantic = { type: 'object', properties: { analysis: { allOf: [{ $ref: '#/definitions/Analysis' }] } }, definitions: { Analysis: { type: 'object', properties: { score: { type: 'integer' } }, required: ['score'] } } };
    expect(schemaNarrowings(results(z.looseObject({ analysis: z.looseObject({ score: z.number() }).optional() })), pydantic, 'results')).toEqual([]);
    expect(schemaNarrowings(results(z.looseObject({ analysis: z.looseObject({ score: z.string() }).optional() })), pydantic, 'results')).toEqual([
      { pointer: '/properties/analysis/properties/score', message: 'refuses integer values, which the reference accepts' },
    ]);
  });

  it('asks arguments to declare every reference argument, keep its enum values and defaults, and require what it requires', () => {
    const referenceArgs = {
      type: 'object',
      properties: { index: { type: 'string', enum: ['ipv4', 'websites'] }, query: { type: 'string' }, buckets: { type: 'integer', default: 50 }, page: { type: 'integer' } },
      required: ['index', 'query'],
    };
    expect(schemaNarrowings(args(z.object({ index: z.enum(['ipv4', 'websites']), query: z.string(), buckets: z.number().int().default(50), page: z.number().int().optional() })), referenceArgs, 'arguments')).toEqual([]);
    const found = schemaNarrowings(args(z.object({ index: z.enum(['ipv4']), query: z.string().optional(), buckets: z.number().int().optional(), limit: z.number() })), referenceArgs, 'arguments');
    expect(found.map((narrowing) => narrowing.message)).toEqual(
      expect.arrayContaining([
        'refuses ["websites"] among the reference\'s values',
        'has no default (the reference\'s is 50)',
        '"page" is not declared',
        'requires "limit", which the reference does not',
        'leaves "query" optional without a default, which the reference requires',
      ]),
    );
  });

  it("takes a default on a union's wrapper, and finds nothing to compare with a reference that has no schema", () => {
    const referenceArgs = { type: 'object', properties: { is_full: { type: 'string', default: false } } };
    expect(schemaNarrowings(args(z.object({ is_full: z.union([z.boolean(), z.string()]).default(false) })), referenceArgs, 'arguments')).toEqual([]);
    expect(schemaNarrowings(results(z.object({ file_path: z.string() })), {}, 'results')).toEqual([]);
  });

  it('accepts a required reference argument left optional when it has a default', () => {
    const referenceConfig = { type: 'object', properties: { base_url: { type: 'string' } }, required: ['base_url'] };
    expect(schemaNarrowings(args(z.object({ base_url: z.string().default('https://api.example/') })), referenceConfig, 'configuration')).toEqual([]);
  });

  it('reports an enum the reference does not restrict, and an object that refuses the map the reference allows', () => {
    const referenceMap = { type: 'object', properties: { mode: { type: 'string' }, errors: { type: 'object', additionalProperties: { type: 'string' } } } };
    const found = schemaNarrowings(results(z.looseObject({ mode: z.enum(['a']).optional(), errors: z.object({}).optional() })), referenceMap, 'results');
    expect(found).toEqual([
      { pointer: '/properties/mode', message: 'allows only ["a"] (the reference has no such list)' },
      { pointer: '/properties/errors/additionalProperties', message: 'refuses the extra properties the reference accepts' },
    ]);
  });

  it("reads a oneOf of required lists beside the properties as a constraint, not as alternatives", () => {
    const reference = { type: 'object', properties: { id: { type: 'string' }, upn: { type: 'string' } }, oneOf: [{ required: ['id'] }, { required: ['upn'] }] };
    const ours = { type: 'object', properties: { id: { type: 'string' }, upn: { type: 'string' } }, oneOf: [{ required: ['id'] }, { required: ['upn'] }] };
    expect(schemaNarrowings(ours, reference, 'arguments')).toEqual([]);
    const narrower = { type: 'object', properties: { id: { type: 'integer' }, upn: { type: 'string' } }, oneOf: [{ required: ['id'] }, { required: ['upn'] }] };
    expect(schemaNarrowings(narrower, reference, 'arguments').map((found) => `${found.pointer}: ${found.message}`)).toEqual(['/properties/id: refuses string values, which the reference accepts']);
  });
});
