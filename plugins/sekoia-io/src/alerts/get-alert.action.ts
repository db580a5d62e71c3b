import { z } from 'zod';
import { sekoia } from '../module.js';
import { sekoiaAlertSchema } from '../schemas/alert.schema.js';

export const getAlert = sekoia.restAction({
  uuid: '8d189665-5401-4098-8d60-944de9a6199a',
  slug: 'get_alert',
  name: 'Get Alert',
  description: 'Retrieve the definition of an alert',
  docker_parameters: 'get-alerts/{uuid}',
  group: 'Getters',
  method: 'GET',
  path: 'v1/sic/alerts/{uuid}',
  arguments: z
    .object({
      uuid: z.string().describe('UUID or short id of the alert'),
      stix: z.boolean().optional().describe('Return the STIX bundle of the alert'),
      cases: z.boolean().default(false).describe('Fetch the cases associated with this alert in addition (default: false)'),
    })
    .meta({ title: 'get_an_alert' }),
  results: sekoiaAlertSchema,
  notFound: (args) => `alert ${args.uuid}`,
});
