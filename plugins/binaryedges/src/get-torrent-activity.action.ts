import { z } from 'zod';
import { binaryEdge } from './module.js';
import { torrentHostSchema } from './schemas/torrents.schema.js';

/** `GET query/torrent/ip/{target}`. */
export const getTorrentActivityAction = binaryEdge.restAction({
  uuid: '50be5505-aea4-443a-849b-de3bde010d4a',
  slug: 'get_torrent_activity',
  name: 'Get torrent activity',
  description: 'Details about torrents transferred by an Host. List of recent torrent events for the specified host, including details of the peer and torrent. See [Torrent Data](https://docs.binaryedge.io/torrent/) for more details.',
  docker_parameters: 'get-query/torrent/ip/{target}',
  method: 'GET',
  path: 'query/torrent/ip/{target}',
  arguments: z
    .object({
      target: z.string().min(1).describe('The target: an IP address or CIDR'),
    })
    .meta({ title: 'Get torrent activity' }),
  results: torrentHostSchema,
  notFound: (args) => `host ${args.target}`,
});
