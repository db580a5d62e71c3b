import { mispEventToStix } from '@ply/plugin-stix/model';
import { z } from 'zod';
import { asInputError } from './misp-input.js';
import { misp } from './module.js';

export const mispToStixAction = misp.action({
  uuid: '710c46f9-9984-437e-a6a0-cd28db7978d0',
  slug: 'misp_to_stix',
  docker_parameters: 'convert-misp-to-stix',
  name: 'MISP to STIX',
  description: 'Convert MISP event to STIX 2',
  arguments: z
    .object({ event: z.record(z.string(), z.unknown()).describe('MISP event to convert to STIX ({"Event": {...}} as MISP answers, or the event itself)') })
    .meta({ title: 'Arguments' }),
  results: z.object({ bundle: z.record(z.string(), z.unknown()).describe('Converted STIX Bundle') }).meta({ title: 'Results' }),
  // A local conversion through the STIX toolkit's model (misp-stix's mapping): no call to MISP.
  run: (_ctx, args) => ({ bundle: { ...asInputError(() => mispEventToStix(args.event), 'event') } }),
});
