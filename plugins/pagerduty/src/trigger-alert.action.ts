import { SekoiaApi } from '@ply/plugin-sekoia-io/api';
import { z } from 'zod';
import { enqueueEvent } from './events-api.js';
import { pagerDuty } from './module.js';
import { triggerEventOf } from './sekoia-alert-event.js';

const link = z.object({ href: z.string(), text: z.string().optional() });
const image = z.object({ src: z.string(), href: z.string().optional(), alt: z.string().optional() });

export const triggerAlert = pagerDuty.action({
  uuid: '34e0bd73-a7d2-426a-b9fd-21b1124bb395',
  docker_parameters: 'pagerduty_trigger_alert',
  slug: 'trigger_alert',
  name: 'Trigger Alert',
  description: 'Trigger alert to PagerDuty',
  group: 'Notifications',
  arguments: z
    .object({
      alert_uuid: z.string().min(1).describe('The Unique identifier of the alert'),
      api_key: z.string().min(1).meta({ secret: true }).describe('The Sekoia.io API-Key to read the alert content.'),
      base_url: z.url().describe('Base URL of Sekoia.io api (e.g. https://api.sekoia.io/).'),
      app_url: z.url().default('https://app.sekoia.io/').describe('URL of the Sekoia.io app the PagerDuty links point to (default https://app.sekoia.io/)'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      status: z.string().optional().describe('PagerDuty status of the event (success)'),
      message: z.string().optional().describe('PagerDuty message'),
      dedup_key: z.string().optional().describe('Key of the PagerDuty alert: the Sekoia.io alert short id'),
      event_action: z.literal('trigger').optional(),
      payload: z.record(z.string(), z.unknown()).optional().describe('The event payload sent (summary, source, severity, class, custom_details)'),
      links: z.array(link).optional(),
      images: z.array(image).optional(),
      client: z.string().optional(),
      client_url: z.string().optional(),
    })
    .describe('The event sent to PagerDuty (without the routing key) and its answer'),
  async run(ctx, args) {
    const alert = await SekoiaApi.fromApiBase(ctx.http, args.base_url, args.api_key).getAlert(args.alert_uuid);
    const event = triggerEventOf(alert, args.app_url);
    const answer = await enqueueEvent(ctx.http, ctx.config, event);
    ctx.log.info('alert triggered', { dedup_key: answer.dedup_key, severity: event.payload['severity'] as string });
    return { ...event, ...answer };
  },
});
