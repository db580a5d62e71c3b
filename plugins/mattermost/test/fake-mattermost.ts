import { Hono, type Context } from 'hono';
import { faultInjection } from '@ply/kit/testing';

/** What a fake incoming webhook received. */
export interface ReceivedPost {
  key: string;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

/** Mattermost's error body (`{id, message, status_code}`, as its API answers). */
const refusal = (c: Context, id: string, message: string, status: 400 | 403 = 400) => c.json({ id, message, detailed_error: '', request_id: 'fake', status_code: status }, status);

/**
 * A fake Mattermost incoming webhook, as documented (https://developers.mattermost.com/integrate/webhooks/incoming/
 * and https://developers.mattermost.com/integrate/reference/message-attachments/): `POST /hooks/<key>`
 * answers 200 `ok`; a key it did not issue answers 400 "Invalid webhook."; a payload with neither
 * `text` nor `attachments` 400 "No text specified"; a `channel` the team does not have 400
 * "Couldn't find the channel"; attachments that are not a list of objects, or whose fields lack a
 * title, 400 "Invalid attachments". `faults` queues 429/5xx answers.
 */
export function fakeMattermost(hookKeys: readonly string[], channels: readonly string[] = ['town-square', 'soc']) {
  const received: ReceivedPost[] = [];
  const faults = faultInjection();
  const app = new Hono();
  app.use('/hooks/*', faults.middleware((c, failure) => c.json({ id: 'web.incoming_webhook.error', message: `injected failure ${failure.status}`, status_code: failure.status }, failure.status)));
  app.post('/hooks/:key', async (c) => {
    if (!hookKeys.includes(c.req.param('key'))) return refusal(c, 'web.incoming_webhook.invalid.app_error', 'Invalid webhook.');
    const body = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!body) return refusal(c, 'web.incoming_webhook.parse.app_error', 'Unable to parse incoming data.');
    if (!body['text'] && !body['attachments']) return refusal(c, 'web.incoming_webhook.text.app_error', 'No text specified.');
    if (body['channel'] !== undefined && !channels.includes(String(body['channel']))) return refusal(c, 'web.incoming_webhook.channel.app_error', "Couldn't find the channel.");
    const attachments = body['attachments'];
    if (attachments !== undefined) {
      const valid = Array.isArray(attachments) && attachments.every((attachment) => typeof attachment === 'object' && attachment !== null && (!('fields' in attachment) || (Array.isArray(attachment.fields) && attachment.fields.every((item: { title?: unknown }) => typeof item.title === 'string'))));
      if (!valid) return refusal(c, 'web.incoming_webhook.attachments.app_error', 'Invalid attachments.');
    }
    received.push({ key: c.req.param('key'), contentType: c.req.header('content-type'), body });
    return c.text('ok');
  });
  return { app, received, faults };
}
