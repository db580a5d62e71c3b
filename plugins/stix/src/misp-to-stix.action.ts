import { z } from 'zod';
import { mispEventToStix } from './model.js';
import { stix } from './module.js';
import { bundleResults } from './stix.schema.js';
import { asInputError } from './stix-input.js';

export const mispToStixAction = stix.action({
  uuid: '4a2ad045-7797-4c30-91fa-15d9b5c2da43',
  slug: 'misp_to_stix',
  docker_parameters: 'stix_misp_to_stix',
  name: 'MISP to STIX',
  description: "Convert a MISP event into a STIX 2.1 bundle, after the mapping of MISP's misp-stix project (report, identity, indicators, observed data and observables, vulnerabilities, campaigns)",
  arguments: z
    .object({
      event: z.record(z.string(), z.unknown()).describe('The MISP event, as MISP\'s REST API gives it ({"Event": {...}} or the event itself); or give event_path'),
    })
    .meta({ title: 'Arguments' }),
  results: bundleResults('bundle', 'The STIX 2.1 bundle'),
  run(_ctx, args) {
    return { bundle: asInputError(() => mispEventToStix(args.event), 'event') };
  },
});
