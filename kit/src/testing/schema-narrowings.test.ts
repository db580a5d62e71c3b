import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toManifestSchema } from '@ply/core';
import { schemaNarrowings } from './schema-narrowings.js';

/** Ply's side as the manifest builder writes it (results: the output schema). */
const ply = (schema: z.ZodType) => toManifestSchema(schema, 'output');
const paths = (ours: unknown, reference: unknown) => schemaNarrowings(ours, reference).map((narrowing) => narrowing.path);

describe('schemaNarrowings', () => {
  it('finds nothing when Ply accepts at least what the reference does', () => {
    const reference = { type: 'object', properties: { uuid: { type: 'string' }, count: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['uuid'] };
    const ours = ply(z.looseObject({ uuid: z.string(), count: z.number().optional(), tags: z.array(z.string()).optional(), extra: z.boolean().optional() }));
    expect(schemaNarrowings(ours, reference)).toEqual([]);
  });

  it('reports a type the reference accepts and Ply does not, with the path of the value', () => {
    const reference = { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { category: { type: ['string', 'object'] } } } } } };
    const ours = ply(z.looseObject({ items: z.array(z.looseObject({ category: z.string().optional() })).optional() }));
    expect(schemaNarrowings(ours, reference)).toEqual([{ path: '/items/[]/category', message: 'the reference accepts object, Ply does not (Ply accepts string)' }]);
  });

  it('reads x-nullable and nullable as accepting null', () => {
    const reference = { type: 'object', properties: { criticality: { type: 'integer', 'x-nullable': true }, score: { type: 'number', nullable: true } } };
    expect(paths(ply(z.looseObject({ criticality: z.int().optional(), score: z.number().optional() })), reference)).toEqual(['/criticality', '/score']);
    expect(paths(ply(z.looseObject({ criticality: z.int().nullable().optional(), score: z.number().nullable().optional() })), reference)).toEqual([]);
  });

  it('reports additionalProperties: false where the reference accepts undeclared properties', () => {
    const reference = { type: 'object', properties: { items: { type: 'array' }, total: { type: 'integer' } } };
    expect(paths(ply(z.object({ items: z.array(z.unknown()), total: z.number() })), reference)).toEqual(['/items', '/total', '/*']);
    expect(paths(ply(z.looseObject({ items: z.array(z.unknown()).optional(), total: z.number().optional() })), reference)).toEqual([]);
  });

  it('reports a property the reference declares that Ply refuses, and (for input) a required one the reference leaves optional', () => {
    const reference = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a'] };
    const narrowings = schemaNarrowings({ type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'c'], additionalProperties: false }, reference, { side: 'input' });
    expect(narrowings.map((narrowing) => narrowing.message)).toEqual([
      'the reference declares "b", Ply refuses it (additionalProperties: false)',
      'Ply requires "c", the reference does not',
      'Ply refuses properties it does not declare (additionalProperties: false), the reference accepts them',
    ]);
  });

  it('lets results require what Ply computes (a property the reference does not declare), never one the reference leaves optional', () => {
    const reference = { type: 'object', properties: { score: { type: 'number' } } };
    expect(paths({ type: 'object', properties: { score: { type: 'number' }, verdict: { type: 'string' } }, required: ['verdict'] }, reference)).toEqual([]);
    expect(paths({ type: 'object', properties: { score: { type: 'number' } }, required: ['score'] }, reference)).toEqual(['/score']);
  });

  it('lets input refuse an empty string or list, not a longer bound or a lower one on results', () => {
    const reference = { type: 'object', properties: { key: { type: 'string' }, ips: { type: 'array', items: { type: 'string' } } } };
    const nonEmpty = { type: 'object', properties: { key: { type: 'string', minLength: 1 }, ips: { type: 'array', minItems: 1, items: { type: 'string' } } } };
    expect(schemaNarrowings(nonEmpty, reference, { side: 'input' })).toEqual([]);
    expect(schemaNarrowings(nonEmpty, reference).map((narrowing) => narrowing.path)).toEqual(['/key', '/ips']);
    const longer = { type: 'object', properties: { key: { type: 'string', minLength: 2 } } };
    expect(schemaNarrowings(longer, reference, { side: 'input' }).map((narrowing) => narrowing.message)).toEqual(['Ply has minLength 2, the reference none']);
  });

  it('accepts an integer where Ply takes any number, not a number where Ply takes only integers', () => {
    expect(paths({ type: 'number' }, { type: 'integer' })).toEqual([]);
    expect(paths({ type: 'object', properties: { n: { type: 'integer' } } }, { type: 'object', properties: { n: { type: 'number' } } })).toEqual(['/n']);
  });

  it('checks enums: every value the reference allows must be allowed by Ply', () => {
    const reference = { type: 'string', enum: ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] };
    expect(schemaNarrowings(ply(z.enum(['CLEAR', 'GREEN', 'AMBER', 'RED'])), reference, { rootIsObject: false })).toEqual([
      { path: '/', message: 'the reference accepts ["AMBER_STRICT"], Ply does not' },
    ]);
    expect(paths(ply(z.union([z.enum(['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED', 'WHITE']), z.int()])), reference)).toEqual([]);
    expect(paths(ply(z.enum(['a'])), { type: 'string' })).toEqual(['/']);
  });

  it("checks a reference's listed values against Ply's bounds rather than comparing the bounds themselves", () => {
    expect(paths({ type: 'integer', minimum: 0, maximum: 4 }, { type: 'integer', enum: [0, 1, 2, 3, 4] })).toEqual([]);
    expect(schemaNarrowings({ type: 'integer', minimum: 0, maximum: 3 }, { type: 'integer', enum: [0, 4] }, { rootIsObject: false })).toEqual([{ path: '/', message: 'the reference accepts [4], Ply does not' }]);
  });

  it('reports string and number bounds, formats and patterns tighter than the reference', () => {
    const reference = { type: 'object', properties: { s: { type: 'string', maxLength: 100 }, n: { type: 'integer', minimum: 0 }, u: { type: 'string' }, l: { type: 'array', items: {} } } };
    const ours = { type: 'object', properties: { s: { type: 'string', maxLength: 32 }, n: { type: 'integer', minimum: 1 }, u: { type: 'string', format: 'uri' }, l: { type: 'array', minItems: 1 } } };
    expect(paths(ours, reference)).toEqual(['/s', '/n', '/u', '/l']);
  });

  it('requires every branch of a reference union, and finds a matching branch in a Ply union', () => {
    const reference = { type: 'object', properties: { category: { anyOf: [{ type: 'string' }, { type: 'object', properties: { name: { type: 'string' } } }, { type: 'null' }] } } };
    expect(paths(ply(z.looseObject({ category: z.union([z.string(), z.looseObject({ name: z.string().optional() })]).optional() })), reference)).toEqual(['/category']);
    expect(paths(ply(z.looseObject({ category: z.union([z.string(), z.looseObject({ name: z.string().optional() })]).nullable().optional() })), reference)).toEqual([]);
  });

  it('follows local $refs on both sides and treats a dangling one as unconstrained', () => {
    const reference = { type: 'object', properties: { owner: { $ref: '#/definitions/owner' }, other: { $ref: '#/components/schemas/missing' } }, definitions: { owner: { type: 'object', properties: { id: { type: 'integer' } } } } };
    const ours = { type: 'object', properties: { owner: { $ref: '#/definitions/o' } }, definitions: { o: { type: 'object', properties: { id: { type: 'string' } } } } };
    expect(paths(ours, reference)).toEqual(['/owner/id']);
  });

  it('reads a bare map of property schemas under items as an object with those properties (a corpus defect)', () => {
    const reference = { type: 'object', properties: { outputObservables: { type: 'array', items: { _id: { type: 'string' }, tlp: { type: 'integer' } } } } };
    expect(paths(ply(z.looseObject({ outputObservables: z.array(z.looseObject({ _id: z.string().optional(), tlp: z.number().optional() })).optional() })), reference)).toEqual([]);
    expect(paths(ply(z.looseObject({ outputObservables: z.array(z.looseObject({ tlp: z.string().optional() })).optional() })), reference)).toEqual(['/outputObservables/[]/tlp']);
  });

  it('takes an empty reference schema as "any object" at the root and "any value" below it', () => {
    expect(paths(ply(z.looseObject({ text: z.string().optional() })), {})).toEqual([]);
    expect(paths(ply(z.looseObject({ details: z.looseObject({}).optional() })), { type: 'object', properties: { details: {} } })).toEqual(['/details']);
    expect(schemaNarrowings({ type: 'object' }, {}, { rootIsObject: false }).map((narrowing) => narrowing.path)).toEqual(['/']);
  });
});
