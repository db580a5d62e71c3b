import { PlyError } from '@ply/core';
import { SekoiaApi } from '@ply/plugin-sekoia-io/api';
import { z } from 'zod';
import { alertCard, alertCardSchema } from './alert-card.js';
import { mattermost } from './module.js';
import { CHANNEL_DESCRIPTION } from './post-message.action.js';
import { postToWebhook } from './webhook.js';

export const postAlert = mattermost.action({
  uuid: 'ef3794ca-b5fa-4cee-af3f-fd5ffac01c88',
  slug: 'post_alert',
  name: 'Post Sekoia.io Alert',
  description: 'Post alert to Mattermost',
  docker_parameters: 'mattermost_post_alert',
  group: 'Notifications',
  arguments: z
    .object({
      alert_uuid: z.string().describe('The Unique identifier of the alert'),
      channel: z.string().optional().describe(CHANNEL_DESCRIPTION),
      api_key: z.string().meta({ secret: true }).describe('The Sekoia.io API-Key to read the alert content.'),
      base_url: z.url().describe('Base URL of Sekoia.io api (e.g. https://api.sekoia.io/).'),
      pretext: z.string().optional().describe('An optional line of text that will be shown above the alert'),
      app_url: z.url().default('https://app.sekoia.io/').describe('Ply addition: the Sekoia.io app the card links to (your region’s; default https://app.sekoia.io/)'),
    })
    .meta({ title: 'Arguments' }),
  results: alertCardSchema,
  async run(ctx, args) {
    // An empty uuid would read the alert list instead of an alert.
    if (args.alert_uuid.trim() === '') throw new PlyError('PLY_ARGUMENTS_INVALID', 'alert_uuid is empty', { details: { issues: [{ pointer: '/alert_uuid', message: 'is empty' }] } });
    const alert = await SekoiaApi.fromApiBase(ctx.http, args.base_url, args.api_key).getAlert(args.alert_uuid);
    const payload = alertCard(alert, { channel: args.channel, pretext: args.pretext, appUrl: args.app_url });
    await postToWebhook(ctx.http, ctx.config.hook_url, payload);
    ctx.log.info('alert posted', { alert: alert.short_id ?? alert.uuid });
    return payload;
  },
});
