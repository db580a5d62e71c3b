import type { TlsOptions } from './tls-options.js';
import { z } from 'zod';

/**
 * The reference TheHiveV5 configuration: `apikey` (secret, the reference's name, so existing
 * accounts keep working), `base_url`, `organisation` (sent as `X-Organisation`), and
 * `verify_certificate`; Ply adds `ca_certificate`, a private CA to trust instead of not verifying.
 */
export const theHiveConfigurationSchema = z
  .object({
    base_url: z.url().describe('Your TheHive instance URL'),
    apikey: z.string().min(1).meta({ secret: true }).describe('An API key'),
    organisation: z.string().min(1).describe('The user organisation (sent as X-Organisation)'),
    verify_certificate: z.boolean().default(true).describe('Is the server certificate verified'),
    ca_certificate: z.string().optional().describe('PEM certificate of the private CA that signed the server certificate (trusted instead of turning verification off)'),
  })
  .meta({ title: 'Arguments' });

export type TheHiveConfiguration = z.output<typeof theHiveConfigurationSchema>;

/** The TLS options of the account: none (system CAs, verified), a private CA, or no verification. */
export function tlsOf(config: TheHiveConfiguration): TlsOptions | undefined {
  if (!config.verify_certificate) return { verify: false };
  if (config.ca_certificate) return { ca: config.ca_certificate };
  return undefined;
}
