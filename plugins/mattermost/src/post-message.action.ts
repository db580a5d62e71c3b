import { z } from 'zod';
import { mattermost } from './module.js';
import { SEKOIA_ICON_URL, compact, postToWebhook } from './webhook.js';

export const CHANNEL_DESCRIPTION = 'The channel the message posts in. Use the channel’s name and not the display name, e.g. use town-square, not Town Square.';

export const postMessage = mattermost.action({
  uuid: 'e682ce5e-57aa-49b0-aace-9849448b2082',
  slug: 'post_message',
  name: 'Post Message',
  description: 'Post message to Mattermost',
  docker_parameters: 'mattermost_post_message',
  group: 'Notifications',
  arguments: z
    .object({
      message: z.string().describe('The message to post'),
      channel: z.string().optional().describe(CHANNEL_DESCRIPTION),
      username: z.string().optional().describe('Overrides the username the message posts as.'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      text: z.string().optional().describe('The message posted'),
      channel: z.string().optional(),
      username: z.string().optional(),
      icon_url: z.string().optional(),
    })
    .describe('The payload sent to the webhook'),
  async run(ctx, args) {
    const payload = compact({ text: args.message, channel: args.channel, username: args.username, icon_url: SEKOIA_ICON_URL });
    await postToWebhook(ctx.http, ctx.config.hook_url, payload);
    ctx.log.info('message posted', { channel: args.channel ?? null });
    return payload;
  },
});
