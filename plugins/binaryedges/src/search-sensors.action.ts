import { z } from 'zod';
import { binaryEdge } from './module.js';
import { eventPages, pageArguments } from './pages.js';
import { sensorSearchSchema } from './schemas/sensors.schema.js';

/** `GET query/sensors/search`. */
export const searchSensorsAction = binaryEdge.restAction({
  uuid: '03dd9ea8-c199-46d1-af86-20e47ca8dfe9',
  slug: 'search_sensors',
  name: 'Search sensors',
  description: 'Events based on a Query. List of recent events for the given query, including details of scanned ports, payloads and tags. Can be used with specific parameters and/or full-text search.',
  docker_parameters: 'get-query/sensors/search',
  method: 'GET',
  path: 'query/sensors/search',
  arguments: z
    .object({
      query: z.string().min(1).describe('The query, in BinaryEdge\'s search language'),
      days: z.number().int().optional().describe('How many days of data to count'),
      only_ips: z.number().int().optional().describe('1: only the IP addresses of the matches'),
      ...pageArguments,
    })
    .meta({ title: 'Search sensors' }),
  results: sensorSearchSchema,
  paging: eventPages,
});
