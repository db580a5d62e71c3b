import { z } from 'zod';

/** One entry of Mandrill's `messages/send` answer: the outcome for one recipient. */
export const recipientStatusSchema = z
  .looseObject({
    email: z.string().optional().describe('The email address of the recipient'),
    status: z.string().optional().describe('The sending status of the recipient: sent, queued, scheduled, rejected or invalid'),
    reject_reason: z.string().nullable().optional().describe('Why the recipient was rejected (hard-bounce, soft-bounce, spam, unsub, custom, invalid-sender, invalid, test-mode-limit, unsigned, rule), when status is rejected'),
    queued_reason: z.string().nullable().optional().describe('Why the message was queued (attachments, multiple-recipients, free-account, paused-account, large-message, scheduled, ...), when status is queued'),
    _id: z.string().optional().describe("The message's unique id"),
  })
  .describe('The sending results for a single recipient');

export type RecipientStatus = z.output<typeof recipientStatusSchema>;

/** Statuses Mandrill documents for a recipient that will not receive the message. */
export const UNDELIVERED_STATUSES: ReadonlySet<string> = new Set(['rejected', 'invalid']);
