import { PlyError } from '@ply/core';
import { z } from 'zod';
import { makeRelationship, type StixObject } from './model.js';
import { stix } from './module.js';
import { bundleInputSchema, bundleResults } from './stix.schema.js';
import { inputObjects, outputBundle } from './stix-input.js';

const relationshipType = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens, e.g. indicates').describe('The relationship type (STIX relationship types: indicates, based-on, uses, related-to, ...)');

export const createRelationshipsAction = stix.action({
  uuid: '4a31157c-dab8-454c-b997-9545bedebddb',
  slug: 'create_relationships',
  docker_parameters: 'stix_create_relationships',
  name: 'Create relationships',
  description: 'Add relationships between objects of a bundle: a list of source/type/target triples, or one source linked to every object of some types. Both ends must be in the bundle.',
  arguments: z
    .object({
      bundle: bundleInputSchema,
      relationships: z
        .array(z.object({ source_ref: z.string().min(1), relationship_type: relationshipType, target_ref: z.string().min(1), description: z.string().optional() }))
        .optional()
        .describe('Relationships to create'),
      source_ref: z.string().min(1).optional().describe('With relationship_type and target_types: the object every new relationship starts from'),
      relationship_type: relationshipType.optional(),
      target_types: z.array(z.string().min(1)).optional().describe('With source_ref: link the source to every object of these types'),
    })
    .meta({ title: 'Arguments' }),
  results: bundleResults('bundle', 'The bundle with the new relationships'),
  run(_ctx, args) {
    const objects = inputObjects(args.bundle);
    const ids = new Set(objects.map((object) => object.id));
    const wanted = [...(args.relationships ?? [])];
    if (args.source_ref !== undefined || args.target_types !== undefined) {
      if (args.source_ref === undefined || args.target_types === undefined || args.relationship_type === undefined) {
        throw new PlyError('PLY_INVALID_INPUT', 'source_ref, relationship_type and target_types go together');
      }
      const types = new Set(args.target_types);
      for (const object of objects) {
        if (types.has(object.type) && object.id !== args.source_ref) wanted.push({ source_ref: args.source_ref, relationship_type: args.relationship_type, target_ref: object.id });
      }
    }
    if (wanted.length === 0) throw new PlyError('PLY_INVALID_INPUT', 'nothing to create: give relationships, or source_ref with relationship_type and target_types');
    const created: StixObject[] = [];
    for (const [index, wish] of wanted.entries()) {
      for (const end of ['source_ref', 'target_ref'] as const) {
        if (!ids.has(wish[end])) throw new PlyError('PLY_INVALID_INPUT', `relationship ${index}: ${end} "${wish[end]}" is not an object of the bundle`, { details: { index, [end]: wish[end] } });
      }
      created.push(makeRelationship(wish.source_ref, wish.relationship_type, wish.target_ref, wish.description === undefined ? {} : { description: wish.description }));
    }
    return { bundle: outputBundle([...objects, ...created]) };
  },
});
