import { z } from 'zod';
import { stixToMispEvent } from './model.js';
import { stix } from './module.js';
import { bundleInputSchema } from './stix.schema.js';
import { asInputError } from './stix-input.js';

export const stixToMispAction = stix.action({
  uuid: '78d599da-37fa-476a-9ed4-49ac783e128c',
  slug: 'stix_to_misp',
  docker_parameters: 'stix_stix_to_misp',
  name: 'STIX to MISP',
  description: "Convert a STIX 2.1 bundle into a MISP event, after the mapping of MISP's misp-stix project (indicators and observables to attributes and objects, typed by their misp:type labels or from their patterns)",
  arguments: z
    .object({
      bundle: bundleInputSchema,
      info: z.string().min(1).optional().describe('Title of the event (default: the name of the bundle\'s report)'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .object({
      event: z.looseObject({ info: z.string(), Attribute: z.array(z.record(z.string(), z.unknown())), Object: z.array(z.record(z.string(), z.unknown())) }).optional().describe('The MISP event'),
      event_path: z.string().optional().describe('The event as a JSON file in the run data folder, when it is large'),
    })
    .meta({ title: 'Results' }),
  run(_ctx, args) {
    const event = asInputError(() => stixToMispEvent(args.bundle, args.info === undefined ? {} : { info: args.info }), 'bundle');
    return { event: { ...event, Attribute: event.Attribute ?? [], Object: event.Object ?? [] } };
  },
});
