import { z } from 'zod';
import { binaryEdge } from './module.js';
import { hostDetailsSchema } from './schemas/host-events.schema.js';

/** `GET query/ip/{target}`. */
export const getDetailsAction = binaryEdge.restAction({
  uuid: '4a1354be-17e1-409a-806c-1faef82e5dd6',
  slug: 'get_details',
  name: 'Get details',
  description: 'Details about an Host. List of recent events for the specified host, including details of exposed ports and services.\n\n **Note**: Querying CIDRs is available for paid subscriptions only. When using CIDR, the number of credits that will be spent correspond to the number of targets that returned results. Example: a request for a /24 (256 targets) in which only 200 targets have results, will decrement 200 credits.',
  docker_parameters: 'get-query/ip/{target}',
  method: 'GET',
  path: 'query/ip/{target}',
  arguments: z
    .object({
      target: z.string().min(1).describe('The target: an IP address or CIDR'),
    })
    .meta({ title: 'Get details' }),
  results: hostDetailsSchema,
  notFound: (args) => `host ${args.target}`,
});
