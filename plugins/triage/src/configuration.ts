import { z } from 'zod';

/** Hatching Triage's public cloud API, version 0 (https://tria.ge/docs/cloud-api/conventions/). */
export const TRIAGE_PUBLIC_API = 'https://api.tria.ge/v0/';

/**
 * The reference's `api_key` (secret) and `api_url`. The reference requires `api_url`; here it
 * defaults to the public cloud's v0 root, so an account on tria.ge needs only its key (a private
 * instance sets `https://private.tria.ge/api/v0/`).
 */
export const triageConfigurationSchema = z
  .object({
    api_key: z.string().min(1).meta({ secret: true }).describe('API key'),
    api_url: z.url().default(TRIAGE_PUBLIC_API).describe('API endpoint (url)'),
  })
  .meta({ title: 'Triage' });

export type TriageConfiguration = z.output<typeof triageConfigurationSchema>;
