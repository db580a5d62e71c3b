import { z } from 'zod';
import { binaryEdge } from './module.js';
import { statisticsSchema } from './schemas/common.schema.js';

/** `GET query/torrent/search/stats`. */
export const getTorrentStatisticsAction = binaryEdge.restAction({
  uuid: '1cf2afa7-87c6-4724-9f2b-c95c8b2ae6cf',
  slug: 'get_torrent_statistics',
  name: 'Get torrent statistics',
  description: 'Statistics of events for the given query. Can be used with specific parameters and/or full-text search.',
  docker_parameters: 'get-query/torrent/search/stats',
  method: 'GET',
  path: 'query/torrent/search/stats',
  arguments: z
    .object({
      query: z.string().min(1).describe('The query, in BinaryEdge\'s search language'),
      type: z.string().min(1).describe('The type of statistic'),
      days: z.number().int().optional().describe('How many days of data to count'),
      order: z.string().optional().describe('The sort order of the buckets (asc or desc)'),
    })
    .meta({ title: 'Get torrent statistics' }),
  results: statisticsSchema,
});
