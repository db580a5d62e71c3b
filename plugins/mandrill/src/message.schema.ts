import { PlyError } from '@ply/core';
import { z } from 'zod';

const recipient = z
  .object({
    email: z.string().min(1).describe('The email address of the recipient'),
    name: z.string().optional().describe('The optional display name to use for the recipient'),
    // Any text, as the reference: Mandrill itself refuses a type other than to, cc, bcc.
    type: z.string().optional().describe("The header type to use for the recipient, defaults to 'to' if not provided oneof(to, cc, bcc)"),
  })
  .describe("A single recipient's information.");

const mergeVar = z
  .object({
    name: z.string().optional().describe("The merge variable's name. Merge variable names are case-insensitive and may not start with _"),
    // Strings for mailchimp merge tags; handlebars templates also take objects and lists.
    content: z.unknown().optional().describe("The merge variable's content"),
  })
  .describe('A single merge variable');

const attachment = z.object({
  type: z.string().min(1).describe('The MIME type of the attachment'),
  name: z.string().min(1).describe('The file name of the attachment'),
  content: z.string().describe('The content of the attachment as a base64-encoded string'),
});

/**
 * The `message` struct of Mandrill's `messages/send`, with the fields of the reference module.
 * Where the reference schema is wrong against the API, Ply takes both and sends the API's form
 * ({@link toApiMessage}): `merge_vars[].vars` a list of `{name, content}` (one object is a list of
 * one), `inline_css` a boolean (the reference's text `"true"`/`"false"` too); attachments are
 * `attachments` / `images`.
 */
export const messageSchema = z
  .object({
    html: z.string().optional().describe('The full HTML content to be sent'),
    text: z.string().optional().describe('The optional full text content to be sent'),
    subject: z.string().optional().describe('The message subject'),
    from_email: z.string().optional().describe('The sender email address.'),
    from_name: z.string().optional().describe('The optional from name to be used'),
    // Optional as in the reference; a message with no recipient is refused by toApiMessage.
    to: z.array(recipient).min(1).optional().describe('An array of recipient information.'),
    headers: z.record(z.string(), z.unknown()).optional().describe('The optional extra headers to add to the message (most headers are allowed)'),
    important: z.boolean().optional().describe('Whether or not this message is important, and should be delivered ahead of non-important messages'),
    track_opens: z.boolean().optional().describe('Whether or not to turn on open tracking for the message'),
    track_clicks: z.boolean().optional().describe('Whether or not to turn on click tracking for the message'),
    auto_text: z.boolean().optional().describe('Whether or not to automatically generate a text part for messages that are not given text'),
    auto_html: z.boolean().optional().describe('Whether or not to automatically generate an HTML part for messages that are not given HTML'),
    inline_css: z.union([z.boolean(), z.string()]).optional().describe('Whether or not to automatically inline all CSS styles provided in the message HTML - only for HTML documents less than 256KB in size'),
    url_strip_qs: z.boolean().optional().describe('Whether or not to strip the query string from URLs when aggregating tracked URL data'),
    preserve_recipients: z.boolean().optional().describe("Whether or not to expose all recipients in to 'To' header for each email"),
    view_content_link: z.boolean().optional().describe('Set to false to remove content logging for sensitive emails'),
    bcc_address: z.string().optional().describe("An optional address to receive an exact copy of each recipient's email"),
    tracking_domain: z.string().optional().describe('A custom domain to use for tracking opens and clicks instead of mandrillapp.com'),
    signing_domain: z.string().optional().describe("A custom domain to use for SPF/DKIM signing instead of mandrill (for 'via' or 'on behalf of' in email clients)"),
    return_path_domain: z.string().optional().describe("A custom domain to use for the messages's return-path"),
    merge: z.boolean().optional().describe('Whether to evaluate merge tags in the message. Will automatically be set to true if either merge_vars or global_merge_vars are provided.'),
    merge_language: z.string().optional().describe('The merge tag language to use when evaluating merge tags, either mailchimp or handlebars'),
    global_merge_vars: z.array(mergeVar).optional().describe('The global merge variables to use for all recipients. You can override these per recipient.'),
    merge_vars: z
      .array(
        z.object({
          rcpt: z.string().optional().describe('The email address of the recipient that the merge variables should apply to'),
          vars: z.union([z.array(mergeVar), mergeVar]).optional().describe("The recipient's merge variables"),
        }),
      )
      .optional()
      .describe('Per-recipient merge variables, which override global merge variables with the same name.'),
    tags: z.array(z.string()).optional().describe('An array of string to tag the message with. Tags starting with an underscore are reserved for internal use and will cause errors.'),
    subaccount: z.string().optional().describe('The unique id of a subaccount for this message - must already exist or will fail with an error'),
    google_analytics_domains: z.array(z.string()).optional().describe('Domains whose matching URLs get Google Analytics parameters appended to their query string.'),
    google_analytics_campaign: z.string().optional().describe('The value to set for the utm_campaign tracking parameter (default: the from address).'),
    metadata: z.record(z.string(), z.string()).optional().describe('Metadata Mandrill stores with the message, for searching and webhooks'),
    attachments: z.array(attachment).optional().describe('An array of supported attachments to add to the message'),
    images: z.array(attachment).optional().describe('An array of embedded images to add to the message (type must start with image/)'),
  })
  .describe('The information on the message to send');

export type MandrillMessage = z.output<typeof messageSchema>;

const invalid = (pointer: string, message: string) =>
  new PlyError('PLY_ARGUMENTS_INVALID', `arguments of send_message: ${pointer} ${message}`, { details: { issues: [{ pointer, message }] } });

/** The message as `messages/send` takes it: recipients checked, the reference's forms converted. */
export function toApiMessage(message: MandrillMessage): Record<string, unknown> {
  if (!message.to || message.to.length === 0) throw invalid('/message/to', 'needs at least one recipient');
  const api: Record<string, unknown> = { ...message };
  if (typeof message.inline_css === 'string') {
    const text = message.inline_css.trim().toLowerCase();
    if (text !== 'true' && text !== 'false') throw invalid('/message/inline_css', `must be true or false, not "${message.inline_css}"`);
    api['inline_css'] = text === 'true';
  }
  if (message.merge_vars) api['merge_vars'] = message.merge_vars.map((entry) => (entry.vars === undefined || Array.isArray(entry.vars) ? entry : { ...entry, vars: [entry.vars] }));
  return api;
}
