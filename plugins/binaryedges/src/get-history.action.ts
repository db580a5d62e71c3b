import { z } from 'zod';
import { binaryEdge } from './module.js';
import { hostHistorySchema } from './schemas/host-events.schema.js';

/** `GET query/ip/historical/{target}`. */
export const getHistoryAction = binaryEdge.restAction({
  uuid: '1ba3002f-d294-4415-8840-ac2de7f35519',
  slug: 'get_history',
  name: 'Get History',
  description: 'Details about an Host, with data up to 6 months.\n\n List of events for the specified host, with events for each time that:\n - A port was detected open\n - A service was found running\n - Other modules were successfully executed',
  docker_parameters: 'get-query/ip/historical/{target}',
  method: 'GET',
  path: 'query/ip/historical/{target}',
  arguments: z
    .object({
      target: z.string().min(1).describe('The target: an IP address or CIDR'),
    })
    .meta({ title: 'Get History' }),
  results: hostHistorySchema,
  notFound: (args) => `host ${args.target}`,
});
