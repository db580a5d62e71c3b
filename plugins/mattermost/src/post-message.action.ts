import { defineAction } from '@ply/core';
import { z } from 'zod';
import type { MattermostConfiguration } from './configuration.js';
import { compact, postToWebhook } from './webhook.js';

const CHANNEL = 'The channel the message posts in. Use the channel’s name and not the display name, e.g. use town-square, not Town Square.';

export const postMessage = defineAction({
  uuid: 'e682ce5e-57aa-49b0-aace-9849448b2082',
  slug: 'post_message',
  name: 'Post Message',
  description: 'Post message to Mattermost',
  group: 'Notifications',
  arguments: z
    .object({
      message: z.string().min(1).describe('The message to post'),
      channel: z.string().optional().describe(CHANNEL),
      username: z.string().optional().describe('Overrides the username the message posts as.'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .object({
      text: z.string().describe('The message posted'),
      channel: z.string().optional(),
      username: z.string().optional(),
    })
    .describe('The payload sent to the webhook'),
  async run(ctx, args) {
    const payload = compact({ text: args.message, channel: args.channel, username: args.username });
    await postToWebhook(ctx.http, (ctx.config as MattermostConfiguration).hook_url, payload);
    ctx.log.info('message posted', { channel: args.channel ?? null });
    return payload;
  },
});
