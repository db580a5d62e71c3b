import { z } from 'zod';

/** Mandrill's documented API root; `messages/send.json` is relative to it. */
export const MANDRILL_API_ROOT = 'https://mandrillapp.com/api/1.0/';

/**
 * `apikey` as the reference module names it (a secret there too). `base_url` is a Ply addition
 * so the plugin can be pointed at a proxy or, in tests, at a local fake of the API.
 */
export const mandrillConfigurationSchema = z
  .object({
    apikey: z.string().min(1).meta({ secret: true }).describe('APIKEY for Mandrill'),
    base_url: z.url().default(MANDRILL_API_ROOT).describe(`Root of the Mandrill API (default ${MANDRILL_API_ROOT})`),
  })
  .meta({ title: 'Arguments' });

export type MandrillConfiguration = z.output<typeof mandrillConfigurationSchema>;
