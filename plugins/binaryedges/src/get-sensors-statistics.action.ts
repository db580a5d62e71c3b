import { z } from 'zod';
import { binaryEdge } from './module.js';
import { statisticsSchema } from './schemas/common.schema.js';

/** `GET query/sensors/search/stats`. */
export const getSensorsStatisticsAction = binaryEdge.restAction({
  uuid: 'ba718ed0-aaac-4518-a727-17fa657ef833',
  slug: 'get_sensors_statistics',
  name: 'Get sensors statistics',
  description: 'Statistics of recent events for the given query. Can be used with specific parameters and/or full-text search.',
  docker_parameters: 'get-query/sensors/search/stats',
  method: 'GET',
  path: 'query/sensors/search/stats',
  arguments: z
    .object({
      query: z.string().min(1).describe('The query, in BinaryEdge\'s search language'),
      type: z.string().min(1).describe('The type of statistic: ports, tags, countries, asn, ips, payloads or http_path'),
      days: z.number().int().optional().describe('How many days of data to count'),
      order: z.string().optional().describe('The sort order of the buckets (asc or desc)'),
    })
    .meta({ title: 'Get sensors statistics' }),
  results: statisticsSchema,
});
