import { z } from 'zod';
import { stix } from './module.js';
import { bundleInputSchema, bundleResults } from './stix.schema.js';
import { inputObjects, outputBundle } from './stix-input.js';

export const addTagsAction = stix.action({
  uuid: 'c9388574-99d7-4d15-9aec-73a0675bf99e',
  slug: 'add_tags',
  docker_parameters: 'stix_add_tags',
  name: 'Add tags to STIX objects',
  description: 'Add labels to the domain and relationship objects of a bundle, optionally only to some types (observables have no labels in STIX 2.1)',
  arguments: z
    .object({
      bundle: bundleInputSchema,
      tags: z.array(z.string().min(1)).min(1).describe('Labels to add (each once per object)'),
      types: z.array(z.string().min(1)).optional().describe('Only objects of these types (e.g. ["indicator"]); default every domain and relationship object'),
    })
    .meta({ title: 'Arguments' }),
  results: bundleResults('bundle', 'The bundle with the labels added'),
  run(_ctx, args) {
    const types = args.types ? new Set(args.types) : undefined;
    const objects = inputObjects(args.bundle).map((object) => {
      if (object['created'] === undefined || (types && !types.has(object.type))) return object;
      const labels = Array.isArray(object['labels']) ? (object['labels'] as unknown[]) : [];
      return { ...object, labels: [...new Set([...labels, ...args.tags])] };
    });
    return { bundle: outputBundle(objects) };
  },
});
