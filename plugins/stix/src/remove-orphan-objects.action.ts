import { z } from 'zod';
import { RELATIONSHIP_TYPES, referencesOf, type StixObject } from './model.js';
import { stix } from './module.js';
import { bundleInputSchema, bundleResults } from './stix.schema.js';
import { inputObjects, outputBundle } from './stix-input.js';

/**
 * Drops, until nothing changes: relationships and sightings whose ends are not in the bundle,
 * references to missing objects from `_refs` lists (an optional `_ref` pointing nowhere removes
 * the property), and objects linked to no other object (neither referring nor referred to).
 */
export function removeOrphans(input: readonly StixObject[], keepTypes: ReadonlySet<string>): StixObject[] {
  let objects = [...input];
  for (;;) {
    const ids = new Set(objects.map((object) => object.id));
    const relationshipEnds = (object: StixObject) => ['source_ref', 'target_ref', 'sighting_of_ref'].map((key) => object[key]).filter((ref): ref is string => typeof ref === 'string');
    let next = objects.filter((object) => !RELATIONSHIP_TYPES.has(object.type) || relationshipEnds(object).every((ref) => ids.has(ref)));
    next = next.map((object) => pruneReferences(object, ids));
    const linked = new Set<string>();
    for (const object of next) {
      const refs = referencesOf(object).filter((ref) => ids.has(ref) && ref !== object.id);
      if (refs.length > 0) linked.add(object.id);
      for (const ref of refs) linked.add(ref);
    }
    next = next.filter((object) => linked.has(object.id) || keepTypes.has(object.type));
    const changed = next.length !== objects.length || next.some((object, index) => object !== objects[index]);
    objects = next;
    if (!changed) return objects;
  }
}

function pruneReferences(object: StixObject, ids: ReadonlySet<string>): StixObject {
  let pruned: StixObject | undefined;
  for (const [key, value] of Object.entries(object)) {
    if (RELATIONSHIP_TYPES.has(object.type) && (key === 'source_ref' || key === 'target_ref' || key === 'sighting_of_ref')) continue;
    if (key.endsWith('_refs') && Array.isArray(value) && value.some((ref) => typeof ref === 'string' && !ids.has(ref))) {
      pruned ??= { ...object };
      pruned[key] = value.filter((ref) => typeof ref !== 'string' || ids.has(ref));
    } else if (key.endsWith('_ref') && key !== 'created_by_ref' && typeof value === 'string' && !ids.has(value)) {
      pruned ??= { ...object };
      delete pruned[key];
    }
  }
  return pruned ?? object;
}

export const removeOrphanObjectsAction = stix.action({
  uuid: 'ef5e6df1-30ae-4a3a-b2da-806317317cfd',
  slug: 'remove_orphan_objects',
  docker_parameters: 'stix_remove_orphan_objects',
  name: 'Remove orphan objects',
  description: 'Clean a bundle: drop relationships whose source or target is missing, references to missing objects, and objects linked to nothing else (except the types to keep)',
  arguments: z
    .object({
      bundle: bundleInputSchema,
      keep_types: z.array(z.string().min(1)).default(['identity', 'marking-definition']).describe('Types kept even when nothing refers to them (default identity and marking-definition)'),
    })
    .meta({ title: 'Arguments' }),
  results: bundleResults('bundle', 'The bundle without orphans'),
  run(_ctx, args) {
    return { bundle: outputBundle(removeOrphans(inputObjects(args.bundle), new Set(args.keep_types))) };
  },
});
