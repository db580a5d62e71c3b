import { z } from 'zod';
import { ikwyd } from './module.js';
import { unlessRefused } from './peer-api-error.js';

// The reference says strings where the Peer API documents numbers (coordinates, torrent size),
// and spells two keys differently (`latitutde`, `infoHash`): both forms are accepted.
const numberOrString = z.union([z.number(), z.string()]);

const torrent = z
  .looseObject({
    infoHash: z.string().optional().describe('infohash of torrent file. Not provided for demo key and child porn.'),
    infohash: z.string().optional().describe('infohash of torrent file, as the Peer API documents it'),
    size: numberOrString.optional().describe('size of torrent file. Not provided for child porn.'),
    name: z.string().optional().describe('name of torrent file'),
  })
  .describe('torrent file information');

const content = z.looseObject({
  category: z.string().optional().describe('category of content if known'),
  imdbId: z.string().optional().describe('imdbId of movie if known'),
  name: z.string().optional().describe('name of content'),
  startDate: z.string().optional().describe('first time when content was found in UTC'),
  endDate: z.string().optional().describe('last time when content was found in UTC'),
  torrent: torrent.optional(),
});

/** `GET {host}history/peer/?ip=`: what the address downloaded and shared over BitTorrent. */
export const getIpHistoryAction = ikwyd.restAction({
  uuid: '18329483-e6e0-4e7d-bcad-bf20d5aa8271',
  slug: 'get_ip_history',
  name: 'Get IP History',
  description: 'Fetches the historical data of downloaded and shared content using the BitTorrent protocol of an IP',
  docker_parameters: 'ip_history',
  method: 'GET',
  path: 'history/peer/',
  arguments: z
    .object({
      ip: z.string().min(1).describe('The IP address to query'),
      days: z.number().int().min(1).max(30).optional().describe('Search history at most this many days ago (Peer API default 14, maximum 30)'),
      contents: z.number().int().min(1).max(100).optional().describe('At most this many contents in the answer (Peer API default 20, maximum 100)'),
      lang: z.enum(['en', 'ru']).optional().describe('Language of the answer (Peer API default en)'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      ip: z.string().describe('ip address'),
      isp: z.string().optional().describe('Interner Service Provider if known'),
      hasPorno: z.boolean().describe('if any content has category XXX'),
      hasChildPorno: z.boolean().describe("if any content has category 'ChildPorno'"),
      geoData: z
        .looseObject({
          country: z.string().optional().describe('ip country if known'),
          city: z.string().optional().describe('ip city if known'),
          latitude: numberOrString.optional().describe('approximately ip latitude if known'),
          latitutde: numberOrString.optional().describe("approximately ip latitude if known (the reference's spelling)"),
          longitude: numberOrString.optional().describe('approximately ip longitude if known'),
        })
        .optional()
        .describe('geo data for ip if known'),
      contents: z.array(content).describe('list of found contents'),
    })
    .meta({ title: 'Results' }),
  map: unlessRefused,
});
