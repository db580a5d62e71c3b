import { z } from 'zod';
import { binaryEdge } from './module.js';
import { sensorHostSchema } from './schemas/sensors.schema.js';

/** `GET query/sensors/ip/{target}`. */
export const getSensorsAction = binaryEdge.restAction({
  uuid: '78ed463e-cda5-410b-8771-8db68bec740f',
  slug: 'get_sensors',
  name: 'Get sensors',
  description: 'Details about an Scanner. List of recent events form the specified host, including details of scanned ports, payloads and tags.\n\n **Note**: Querying CIDRs is available for paid subscriptions only. When using CIDR, the number of credits that will be spent correspond to the number of targets that returned results. Example: a request for a /24 (256 targets) in which only 200 targets have results, will decrement 200 credits.',
  docker_parameters: 'get-query/sensors/ip/{target}',
  method: 'GET',
  path: 'query/sensors/ip/{target}',
  arguments: z
    .object({
      target: z.string().min(1).describe('The target: an IP address or CIDR'),
    })
    .meta({ title: 'Get sensors' }),
  results: sensorHostSchema,
  notFound: (args) => `host ${args.target}`,
});
