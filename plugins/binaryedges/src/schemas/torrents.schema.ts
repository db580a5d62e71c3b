import { z } from 'zod';
import { pagedEvents, queryEvents } from './common.schema.js';

const endpoint = z.looseObject({ ip: z.string().optional(), port: z.number().int().optional() });

/** One torrent transfer seen on the DHT: who (peer), what (torrent), when (origin). */
const torrentEvent = z.looseObject({
  origin: z.looseObject({ type: z.string().optional(), module: z.string().optional(), ts: z.number().int().optional() }).optional(),
  node: endpoint.optional(),
  peer: endpoint.optional(),
  torrent: z
    .looseObject({
      infohash: z.string().optional(),
      name: z.string().optional(),
      source: z.string().optional(),
      category: z.string().optional(),
      subcategory: z.string().optional(),
    })
    .optional(),
});

/** `query/torrent/ip/{target}` and `query/torrent/historical/{target}`. */
export const torrentHostSchema = queryEvents(torrentEvent);

/** `query/torrent/search`. */
export const torrentSearchSchema = pagedEvents(torrentEvent);
