import { defineAction } from '@ply/core';
import { SekoiaApi } from '@ply/plugin-sekoia-io/api';
import { z } from 'zod';
import { alertAttachment } from './alert-attachment.js';
import type { MattermostConfiguration } from './configuration.js';
import { compact, postToWebhook } from './webhook.js';

export const postAlert = defineAction({
  uuid: 'ef3794ca-b5fa-4cee-af3f-fd5ffac01c88',
  slug: 'post_alert',
  name: 'Post Sekoia.io Alert',
  description: 'Post alert to Mattermost',
  group: 'Notifications',
  arguments: z
    .object({
      alert_uuid: z.string().min(1).describe('The Unique identifier of the alert'),
      channel: z
        .string()
        .optional()
        .describe('The channel the message posts in. Use the channel’s name and not the display name, e.g. use town-square, not Town Square.'),
      api_key: z.string().min(1).meta({ secret: true }).describe('The Sekoia.io API-Key to read the alert content.'),
      base_url: z.url().describe('Base URL of Sekoia.io api (e.g. https://api.sekoia.io/).'),
      pretext: z.string().optional().describe('An optional line of text that will be shown above the alert'),
    })
    .meta({ title: 'Arguments' }),
  results: z.object({}),
  async run(ctx, args) {
    const alert = await SekoiaApi.fromApiBase(ctx.http, args.base_url, args.api_key).getAlert(args.alert_uuid);
    const attachment = alertAttachment(alert, { ...(args.pretext ? { pretext: args.pretext } : {}) });
    await postToWebhook(ctx.http, (ctx.config as MattermostConfiguration).hook_url, compact({ channel: args.channel, attachments: [attachment] }));
    ctx.log.info('alert posted', { alert: alert.short_id ?? alert.uuid });
    return {};
  },
});
