import { z } from 'zod';
import { pagedEvents } from './common.schema.js';

/** One screenshot of a remote desktop, with what was read from it. */
const screenshot = z.looseObject({
  thumb: z.string().optional(),
  tags: z.array(z.string()).optional(),
  ts: z.number().int().optional(),
  port: z.number().int().optional(),
  url: z.string().optional(),
  height: z.number().int().optional(),
  width: z.number().int().optional(),
  geoip: z
    .looseObject({
      iso_code: z.string().optional(),
      timezone: z.string().optional(),
      latitude: z.number().optional(),
      longitude: z.number().optional(),
      location: z.array(z.number()).optional(),
      country_name: z.string().optional(),
      city_name: z.string().optional(),
    })
    .optional(),
  ip: z.string().optional(),
  country: z.string().optional(),
  as_name: z.string().optional(),
  asn: z.number().int().optional(),
  image_id: z.string().optional(),
});

/** `query/image/ip/{target}` and `query/image/search`. */
export const screenshotsSchema = pagedEvents(screenshot);
