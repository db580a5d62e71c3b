import { z } from 'zod';

/**
 * The reference TheHive module's configuration (`base_url`, `apikey` secret, `organisation`, all
 * required there too), plus the certificate checks Ply gives every on-premises TheHive:
 * `verify_certificate` (default true) and a private CA, `ca_certificate`.
 */
export const theHive4ConfigurationSchema = z
  .object({
    base_url: z.url().describe('Your TheHive instance URL'),
    apikey: z.string().min(1).meta({ secret: true }).describe('An API key'),
    organisation: z.string().min(1).describe('The user organisation'),
    verify_certificate: z.boolean().default(true).describe('Ply addition: is the server certificate verified'),
    ca_certificate: z.string().optional().describe('Ply addition: PEM certificate of the private CA that signed the server certificate'),
  })
  .meta({ title: 'Arguments' });
