import { z } from 'zod';
import { binaryEdge } from './module.js';
import { eventPages, pageArguments } from './pages.js';
import { torrentSearchSchema } from './schemas/torrents.schema.js';

/** `GET query/torrent/search`. */
export const searchTorrentActivitiesAction = binaryEdge.restAction({
  uuid: 'c9d5879f-15ed-4249-8a5d-fff108238dc6',
  slug: 'search_torrent_activities',
  name: 'Search torrent activities',
  description: 'Events based on a Query. List of recent events for the given query, including details of the peer and torrent. Can be used with specific parameters and/or full-text search.',
  docker_parameters: 'get-query/torrent/search',
  method: 'GET',
  path: 'query/torrent/search',
  arguments: z
    .object({
      query: z.string().min(1).describe('The query, in BinaryEdge\'s search language'),
      ...pageArguments,
    })
    .meta({ title: 'Search torrent activities' }),
  results: torrentSearchSchema,
  paging: eventPages,
});
