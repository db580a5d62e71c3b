import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { faultInjection } from '@ply/kit/testing';

/** A failure the fake answers instead of handling the next request. */

interface Recipient {
  email: string;
  type?: string;
}

/**
 * A fake of Mandrill's `POST /api/1.0/messages/send.json`, as documented
 * (https://mailchimp.com/developer/transactional/api/messages/send-new-message/):
 * - the key travels in the body; an unknown key answers 401 `Invalid_Key` (the status Mandrill
 *   uses since February 2023, before which it was 500);
 * - a message without recipients or sender, or a recipient `type` other than to, cc, bcc, answers
 *   400 `ValidationError` (since July 2023); `inline_css` must be a boolean and each
 *   `merge_vars[].vars` a list;
 * - otherwise 200 with one status per recipient: `invalid` for an address without `@`,
 *   `rejected` (reason `hard-bounce`) for `@bounce.example`, `scheduled` with `send_at`, `queued`
 *   in async mode, `sent` otherwise.
 * `failNext` queues 429/5xx answers; `delayNextMs` makes the next answer slow.
 */
export function fakeMandrill(apiKey: string) {
  const received: Array<Record<string, unknown>> = [];
  const faults = faultInjection();
  const app = new Hono();
  app.use('*', faults.middleware((c, failure) => c.json({ status: 'error', code: -1, name: 'GeneralError', message: `injected failure ${failure.status}` }, failure.status)));

  app.post('/api/1.0/messages/send.json', async (c) => {
    const body = (await c.req.json()) as { key?: string; message?: { to?: Recipient[]; from_email?: string }; async?: boolean; send_at?: string };
    received.push(body as Record<string, unknown>);
    if (body.key !== apiKey) return c.json({ status: 'error', code: -1, name: 'Invalid_Key', message: 'Invalid API key' }, 401);
    const to = body.message?.to ?? [];
    if (to.length === 0) return c.json({ status: 'error', code: -2, name: 'ValidationError', message: 'Validation error: {"message":{"to":"Please enter an array"}}' }, 400);
    const bad = to.find((recipient) => recipient.type !== undefined && !['to', 'cc', 'bcc'].includes(recipient.type));
    if (bad) return c.json({ status: 'error', code: -2, name: 'ValidationError', message: `Validation error: {"message":{"to":[{"type":"Please select one of to, cc, bcc (got ${bad.type})"}]}}` }, 400);
    const message = body.message as { inline_css?: unknown; merge_vars?: Array<{ vars?: unknown }> };
    if (message.inline_css !== undefined && typeof message.inline_css !== 'boolean') return c.json({ status: 'error', code: -2, name: 'ValidationError', message: 'Validation error: {"message":{"inline_css":"Please enter a boolean"}}' }, 400);
    if (message.merge_vars?.some((entry) => entry.vars !== undefined && !Array.isArray(entry.vars))) return c.json({ status: 'error', code: -2, name: 'ValidationError', message: 'Validation error: {"message":{"merge_vars":"Please enter an array"}}' }, 400);
    if (!body.message?.from_email) {
      return c.json({ status: 'error', code: -2, name: 'ValidationError', message: 'Validation error: {"message":{"from_email":"The domain for your sending address is not verified"}}' }, 400);
    }
    return c.json(to.map((recipient) => statusOf(recipient, body)));
  });
  return { app, received, failNext: faults.failNext, state: faults };
}

function statusOf(recipient: Recipient, body: { async?: boolean; send_at?: string }): Record<string, unknown> {
  const _id = randomBytes(16).toString('hex');
  if (!recipient.email.includes('@')) return { email: recipient.email, status: 'invalid', _id, reject_reason: null };
  if (recipient.email.endsWith('@bounce.example')) return { email: recipient.email, status: 'rejected', _id, reject_reason: 'hard-bounce' };
  if (body.send_at) return { email: recipient.email, status: 'scheduled', _id, reject_reason: null };
  if (body.async) return { email: recipient.email, status: 'queued', _id, reject_reason: null, queued_reason: 'multiple-recipients' };
  return { email: recipient.email, status: 'sent', _id, reject_reason: null };
}

