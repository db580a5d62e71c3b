import { z } from 'zod';

/** MWDB's public instance, mwdblib's default `api_url`, which the reference calls. */
export const CERT_PL_API_URL = 'https://mwdb.cert.pl/api/';

/**
 * The reference's `api_key` (secret there too), plus `api_url`: the reference always calls CERT.PL's
 * public instance (mwdblib's default); a team running its own MWDB points it there.
 */
export const mwdbConfigurationSchema = z
  .object({
    api_key: z.string().min(1).meta({ secret: true }).describe('API key'),
    api_url: z.url().default(CERT_PL_API_URL).describe(`URL of the MWDB REST API, ending with /api/ (default CERT.PL's public instance, ${CERT_PL_API_URL})`),
  })
  .meta({ title: 'MWDB' });

export type MwdbConfiguration = z.output<typeof mwdbConfigurationSchema>;
