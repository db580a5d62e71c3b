import { z } from 'zod';

/** PagerDuty's documented Events API v2 endpoint (the reference module's default too). */
export const EVENTS_API_V2_URL = 'https://events.pagerduty.com/v2/enqueue';

/**
 * The integration (routing) key lets anyone raise incidents on the service, so Ply marks it
 * secret; the reference module does not.
 */
export const pagerDutyConfigurationSchema = z
  .object({
    integration_key: z.string().min(1).meta({ secret: true }).describe('The integration key (a.k.a routing key) of your PagerDuty Service'),
    integration_url: z.url().default(EVENTS_API_V2_URL).describe('URL of the PagerDuty endpoint'),
  })
  .meta({ title: 'Arguments' });

export type PagerDutyConfiguration = z.output<typeof pagerDutyConfigurationSchema>;
