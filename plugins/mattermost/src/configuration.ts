import { z } from 'zod';

/**
 * The incoming-webhook URL carries its own token, so Ply treats it as a secret (the reference
 * module does not mark it): it is redacted from logs, records and errors.
 */
export const mattermostConfigurationSchema = z
  .object({
    hook_url: z.url().meta({ secret: true }).describe('URL of the mattermost incoming webhook'),
  })
  .meta({ title: 'Arguments' });
