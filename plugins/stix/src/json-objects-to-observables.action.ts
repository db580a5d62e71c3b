import { PlyError } from '@ply/core';
import { z } from 'zod';
import { OBSERVABLE_KINDS, kindOfValue, observableOfValue, refang, type StixObject } from './model.js';
import { stix } from './module.js';
import { bundleResults } from './stix.schema.js';
import { outputBundle } from './stix-input.js';

/** Every string at `path` (dotted, lists flattened) of a JSON value. */
function stringsAt(value: unknown, path: string[]): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => stringsAt(item, path));
  if (path.length === 0) return typeof value === 'string' ? [value] : typeof value === 'number' ? [String(value)] : [];
  if (typeof value !== 'object' || value === null) return [];
  return stringsAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
}

/** Every string anywhere in a JSON value. */
function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(allStrings);
  return [];
}

export const jsonObjectsToObservablesAction = stix.action({
  uuid: '9a7523e3-301d-44e3-aa32-bedce7300913',
  slug: 'json_objects_to_observables',
  docker_parameters: 'stix_json_objects_to_observables',
  name: 'JSON objects to observables',
  description: 'Turn JSON objects (events, API answers) into STIX observables: the fields named in a mapping as the observable types given, or every string value whose type is recognised',
  arguments: z
    .object({
      objects: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).describe('A JSON object or a list of them (or give objects_path, a JSON file in the run data folder)'),
      mapping: z
        .record(z.string(), z.enum(OBSERVABLE_KINDS))
        .optional()
        .describe('Field (dotted path, e.g. "source.ip") → observable type (ipv4-addr, ipv6-addr, domain-name, url, email-addr, mac-addr, file for a hash, autonomous-system, mutex); default: every recognised string'),
    })
    .meta({ title: 'Arguments' }),
  results: bundleResults('observables', 'A bundle of the observables, each once'),
  run(ctx, args) {
    const found = new Map<string, StixObject>();
    let refused = 0;
    if (args.mapping) {
      for (const [path, kind] of Object.entries(args.mapping)) {
        for (const raw of stringsAt(args.objects, path.split('.'))) {
          const value = refang(raw.trim());
          const observable = kindOfValue(value) === kind || kind === 'mutex' || kind === 'autonomous-system' || kind === 'domain-name' ? observableOfValue(kind, value) : undefined;
          if (observable) found.set(observable.id, observable);
          else refused += 1;
        }
      }
    } else {
      for (const raw of allStrings(args.objects)) {
        const kind = kindOfValue(raw);
        const observable = kind && observableOfValue(kind, refang(raw.trim()));
        if (observable) found.set(observable.id, observable);
      }
    }
    if (refused > 0) ctx.log.warn('some mapped values are not of the type the mapping names and were left out', { refused });
    if (args.mapping && found.size === 0 && refused > 0) throw new PlyError('PLY_INVALID_INPUT', `none of the ${refused} mapped values is of the type its mapping names`);
    return { observables: outputBundle([...found.values()]) };
  },
});
