import { z } from 'zod';
import { indexById, referencesOf, type StixObject } from './model.js';
import { stix } from './module.js';
import { bundleInputSchema, bundleResults } from './stix.schema.js';
import { inputObjects, outputBundle } from './stix-input.js';

/** The value at a dotted path (`x_score`, `kill_chain_phases.phase_name`), lists flattened. */
function valuesAt(object: unknown, path: string[]): unknown[] {
  if (path.length === 0) return Array.isArray(object) ? object : [object];
  if (Array.isArray(object)) return object.flatMap((item) => valuesAt(item, path));
  if (typeof object !== 'object' || object === null) return [];
  return valuesAt((object as Record<string, unknown>)[path[0]!], path.slice(1));
}

function matches(object: StixObject, properties: Record<string, unknown>): boolean {
  return Object.entries(properties).every(([path, expected]) => {
    const found = valuesAt(object, path.split('.'));
    const accepted = Array.isArray(expected) ? expected : [expected];
    return found.some((value) => accepted.some((candidate) => candidate === value));
  });
}

export const filterBundleAction = stix.action({
  uuid: '2f52ef2e-ff94-4494-8e12-f4a0343abf40',
  slug: 'filter_bundle',
  docker_parameters: 'stix_filter_bundle',
  name: 'Filter bundle',
  description: 'Keep the objects of a bundle of some types and/or whose properties have some values; optionally with the objects they refer to, so that no reference dangles',
  arguments: z
    .object({
      bundle: bundleInputSchema,
      types: z.array(z.string().min(1)).optional().describe('Keep objects of these types (e.g. ["indicator", "malware"])'),
      properties: z
        .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]))
        .optional()
        .describe('Keep objects whose property (a dotted path, e.g. "labels" or "kill_chain_phases.phase_name") has the value, or one of the values of a list'),
      keep_referenced: z.boolean().default(false).describe('Also keep the objects the kept ones refer to (transitively)'),
    })
    .meta({ title: 'Arguments' }),
  results: bundleResults('bundle', 'The filtered bundle'),
  run(_ctx, args) {
    const objects = inputObjects(args.bundle);
    const types = args.types ? new Set(args.types) : undefined;
    let kept = objects.filter((object) => (!types || types.has(object.type)) && (!args.properties || matches(object, args.properties)));
    if (args.keep_referenced) {
      const byId = indexById(objects);
      const keep = new Set(kept.map((object) => object.id));
      const queue = [...kept];
      for (let object = queue.pop(); object; object = queue.pop()) {
        for (const ref of referencesOf(object)) {
          const target = byId.get(ref);
          if (target && !keep.has(ref)) {
            keep.add(ref);
            queue.push(target);
          }
        }
      }
      kept = objects.filter((object) => keep.has(object.id));
    }
    return { bundle: outputBundle(kept) };
  },
});
