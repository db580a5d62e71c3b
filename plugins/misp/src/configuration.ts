import { z } from 'zod';

/**
 * The reference's `misp_url` and `misp_api_key` (secret there too), plus `verify_certificate`:
 * many MISP servers run on a self-signed certificate, and turning the check off must be explicit.
 */
export const mispConfigurationSchema = z
  .object({
    misp_url: z.url().describe('MISP server url'),
    misp_api_key: z.string().min(1).meta({ secret: true }).describe('MISP API key (the automation key of an API-enabled user)'),
    verify_certificate: z.boolean().default(true).describe("Verify the MISP server's TLS certificate (turn off only for a server with a self-signed certificate)"),
  })
  .meta({ title: 'MISP' });

export type MispConfiguration = z.output<typeof mispConfigurationSchema>;
