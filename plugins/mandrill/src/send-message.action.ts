import { z } from 'zod';
import { sendMessage } from './mandrill-api.js';
import { mandrill } from './module.js';
import { messageSchema } from './message.schema.js';
import { UNDELIVERED_STATUSES, recipientStatusSchema } from './send-result.schema.js';

export const sendMessageAction = mandrill.action({
  uuid: 'cb61842a-e09f-417d-acdf-34c818c61c87',
  slug: 'send_message',
  docker_parameters: 'mandrill_send',
  name: 'Send Message',
  description: 'Send a new transactional message through Mandrill',
  group: 'Notifications',
  arguments: z
    .object({
      message: messageSchema,
      async: z
        .boolean()
        .optional()
        .describe(
          "Enable a background sending mode that is optimized for bulk sending. In async mode, messages/send will immediately return a status of 'queued' for every recipient. Messages with more than 10 recipients are always sent asynchronously.",
        ),
      ip_pool: z.string().optional().describe('The name of the dedicated ip pool that should be used to send the message.'),
      send_at: z
        .string()
        .optional()
        .describe('When this message should be sent as a UTC timestamp in YYYY-MM-DD HH:MM:SS format. A time in the past sends the message immediately.'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      report: z
        .array(recipientStatusSchema)
        .describe("An array of structs for each recipient containing the key 'email' with the email address, and details of the message status for that recipient"),
    })
    .meta({ title: 'Results' }),
  async run(ctx, args) {
    const report = await sendMessage(ctx.http, ctx.config, args.message, {
      async: args.async,
      ip_pool: args.ip_pool,
      send_at: args.send_at,
    });
    const undelivered = report.filter((entry) => UNDELIVERED_STATUSES.has(entry.status ?? ''));
    // A rejected recipient is Mandrill's answer, not a failure of the call: report it, warn about it.
    if (undelivered.length > 0) ctx.log.warn('some recipients will not receive the message', { undelivered: undelivered.length, recipients: report.length });
    ctx.log.info('message sent', { recipients: report.length });
    return { report };
  },
});
