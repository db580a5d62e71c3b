import { z } from 'zod';
import { binaryEdge } from './module.js';
import { torrentHostSchema } from './schemas/torrents.schema.js';

/** `GET query/torrent/historical/{target}`. */
export const getTorrentHistoryAction = binaryEdge.restAction({
  uuid: '6ecfd860-64fb-48aa-bfcd-75ed1d06f564',
  slug: 'get_torrent_history',
  name: 'Get torrent history',
  description: 'Details about torrents transferred by an Host, with data up to 6 months.\n\n  List of torrent events for the specified host, with events for each time that a new transfer was detected on the DHT. See [Torrent Data](https://docs.binaryedge.io/torrent/) for more details.\n\n **Note:** Available for paid subscriptions only.',
  docker_parameters: 'get-query/torrent/historical/{target}',
  method: 'GET',
  path: 'query/torrent/historical/{target}',
  arguments: z
    .object({
      target: z.string().min(1).describe('The target: an IP address or CIDR'),
    })
    .meta({ title: 'Get torrent history' }),
  results: torrentHostSchema,
  notFound: (args) => `host ${args.target}`,
});
