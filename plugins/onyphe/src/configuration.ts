import { z } from 'zod';

/** Onyphe's API v2 root; the lookups are `simple/<category>/<value>` under it. */
export const ONYPHE_API_ROOT = 'https://www.onyphe.io/api/v2/';

/**
 * `apikey` as the reference module names it (a secret, optional there too: only Geolocalize IP
 * works without one). `base_url` is a Ply addition, for a proxy or a local fake of the API.
 */
export const onypheConfigurationSchema = z
  .object({
    apikey: z.string().min(1).optional().meta({ secret: true }).describe('APIKEY for Onyphe'),
    base_url: z.url().default(ONYPHE_API_ROOT).describe(`Root of Onyphe's API v2 (default ${ONYPHE_API_ROOT})`),
  })
  .meta({ title: 'Arguments' });

export type OnypheConfiguration = z.output<typeof onypheConfigurationSchema>;
