import { z } from 'zod';
import { makeIdentity } from './model.js';
import { stix } from './module.js';
import { bundleInputSchema, bundleResults } from './stix.schema.js';
import { inputObjects, outputBundle } from './stix-input.js';

export const addSourceAction = stix.action({
  uuid: '0e156df5-eac9-4593-b400-78e2e79846b5',
  slug: 'add_source',
  docker_parameters: 'stix_add_source',
  name: 'Add source to STIX objects',
  description: 'Name the source of a bundle: adds an identity for it and sets created_by_ref on every domain and relationship object (observables have no creator in STIX 2.1)',
  arguments: z
    .object({
      bundle: bundleInputSchema,
      source_name: z.string().min(1).describe('Name of the source (an organisation, a feed, a tool)'),
      identity_class: z.enum(['individual', 'group', 'system', 'organization', 'class', 'unknown']).default('organization').describe('What the source is (STIX identity-class-ov)'),
      overwrite: z.boolean().default(false).describe('Replace a created_by_ref already set (default: keep it)'),
    })
    .meta({ title: 'Arguments' }),
  results: bundleResults('bundle', 'The bundle with the source identity and created_by_ref set'),
  run(_ctx, args) {
    const objects = inputObjects(args.bundle);
    const identity = makeIdentity(args.source_name, args.identity_class);
    const exists = objects.some((object) => object.id === identity.id);
    const sourced = objects.map((object) => {
      // Only SDOs and SROs have created_by_ref (§3.2); the identity does not credit itself.
      if (object['created'] === undefined || object.id === identity.id) return object;
      if (object['created_by_ref'] !== undefined && !args.overwrite) return object;
      return { ...object, created_by_ref: identity.id };
    });
    return { bundle: outputBundle(exists ? sourced : [identity, ...sourced]) };
  },
});
