import { z } from 'zod';

/**
 * The reference TheHiveV5 configuration: `apikey` (secret, same name as the reference so existing
 * accounts keep working), `base_url`, and `organisation`, sent as `X-Organisation` when given
 * (TheHive 5 falls back to the key owner's default organisation; the reference requires it).
 */
export const theHiveConfigurationSchema = z
  .object({
    base_url: z.url().describe('Your TheHive instance URL'),
    apikey: z.string().min(1).meta({ secret: true }).describe('An API key'),
    organisation: z.string().min(1).optional().describe('The user organisation'),
  })
  .meta({ title: 'Arguments' });

export type TheHiveConfiguration = z.output<typeof theHiveConfigurationSchema>;
