import { z } from 'zod';
import { indicatorOf, isCyberObservable, makeRelationship, type StixObject } from './model.js';
import { stix } from './module.js';
import { bundleInputSchema, bundleResults } from './stix.schema.js';
import { inputObjects, outputBundle } from './stix-input.js';
import { validForDays, validityOf } from './indicator-options.schema.js';

export const observablesToIndicatorsAction = stix.action({
  uuid: 'fabf3a63-a759-458c-875c-c0bd882fde32',
  slug: 'observables_to_indicators',
  docker_parameters: 'stix_observables_to_indicators',
  name: 'Observables to indicators',
  description: 'One indicator per observable of the bundle, with the STIX pattern that matches it (IPs, domains, URLs, e-mail and MAC addresses, files by hash or name, AS, mutexes, registry keys, user accounts, certificates); other objects are kept as they are',
  arguments: z
    .object({
      bundle: bundleInputSchema,
      valid_for_days: validForDays,
      keep_observables: z.boolean().default(true).describe('Keep the observables, each linked to its indicator by a based-on relationship'),
    })
    .meta({ title: 'Arguments' }),
  results: bundleResults('bundle', 'The indicators (and the observables with their based-on relationships)'),
  run(ctx, args) {
    const validity = validityOf(args.valid_for_days);
    const out: StixObject[] = [];
    let skipped = 0;
    for (const object of inputObjects(args.bundle)) {
      if (!isCyberObservable(object)) {
        out.push(object);
        continue;
      }
      const indicator = indicatorOf(object, validity);
      if (args.keep_observables) out.push(object);
      if (!indicator) {
        skipped += 1;
        continue;
      }
      out.push(indicator);
      if (args.keep_observables) out.push(makeRelationship(indicator.id, 'based-on', object.id));
    }
    if (skipped > 0) ctx.log.info('observables without a pattern were not turned into indicators', { skipped });
    return { bundle: outputBundle(out) };
  },
});
