import { z } from 'zod';

/** The reference's account: the GLIMPS Detect token (a secret) and the URL of the GLIMPS Detect server. */
export const glimpsConfigurationSchema = z
  .object({
    api_key: z.string().min(1).meta({ secret: true }).describe('Glimps detect token'),
    base_url: z.url().describe('Glimps detect url'),
  })
  .meta({ title: 'GLIMPSConfiguration' });

export type GlimpsConfiguration = z.output<typeof glimpsConfigurationSchema>;
