import { z } from 'zod';
import { binaryEdge } from './module.js';
import { statisticsSchema } from './schemas/common.schema.js';

/** `GET query/search/stats`. */
export const getStatisticsAction = binaryEdge.restAction({
  uuid: '52f83382-65bd-4b6e-884c-47a27c076e77',
  slug: 'get_statistics',
  name: 'Get statistics',
  description: 'Statistics of recent events for the given query. Can be used with specific parameters and/or full-text search.',
  docker_parameters: 'get-query/search/stats',
  method: 'GET',
  path: 'query/search/stats',
  arguments: z
    .object({
      query: z.string().min(1).describe('The query, in BinaryEdge\'s search language'),
      type: z.string().min(1).describe('The type of statistic: ports, products, versions, tags, services, countries or asn'),
      order: z.string().optional().describe('The sort order of the buckets (asc or desc)'),
    })
    .meta({ title: 'Get statistics' }),
  results: statisticsSchema,
});
