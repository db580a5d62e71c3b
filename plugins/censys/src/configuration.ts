import { z } from 'zod';

/** Censys Search 2.0's API root; `v2/hosts/search` and `v1/account` are relative to it. */
export const CENSYS_API_ROOT = 'https://search.censys.io/api/';

/** The reference's account: the API ID and secret (HTTP Basic). `base_url` is a Ply addition. */
export const censysConfigurationSchema = z
  .object({
    api_user_id: z.string().min(1).describe('Censys API user ID'),
    api_user_secret: z.string().min(1).meta({ secret: true }).describe('Censys API user secret'),
    base_url: z.url().default(CENSYS_API_ROOT).describe(`Root of the Censys Search API (default ${CENSYS_API_ROOT})`),
  })
  .meta({ title: 'Censys' });
