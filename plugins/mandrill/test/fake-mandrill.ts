import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';

/** A failure the fake answers instead of handling the next request. */
export interface InjectedFailure {
  status: 429 | 500 | 502 | 503;
  /** Sent as `Retry-After` (seconds) so retries in tests do not wait. */
  retryAfter?: string;
}

interface Recipient {
  email: string;
  type?: string;
}

/**
 * A fake of Mandrill's `POST /api/1.0/messages/send.json`, as documented
 * (https://mailchimp.com/developer/transactional/api/messages/send-new-message/):
 * - the key travels in the body; an unknown key answers 401 `Invalid_Key` (the status Mandrill
 *   uses since February 2023, before which it was 500);
 * - a message without recipients or sender answers 400 `ValidationError` (since July 2023);
 * - otherwise 200 with one status per recipient: `invalid` for an address without `@`,
 *   `rejected` (reason `hard-bounce`) for `@bounce.example`, `scheduled` with `send_at`, `queued`
 *   in async mode, `sent` otherwise.
 * `failNext` queues 429/5xx answers; `delayNextMs` makes the next answer slow.
 */
export function fakeMandrill(apiKey: string) {
  const received: Array<Record<string, unknown>> = [];
  const failNext: InjectedFailure[] = [];
  const state = { delayNextMs: 0 };
  const app = new Hono();

  app.post('/api/1.0/messages/send.json', async (c) => {
    const delay = state.delayNextMs;
    state.delayNextMs = 0;
    if (delay > 0) await sleepUnlessAborted(delay, c.req.raw.signal);
    const failure = failNext.shift();
    if (failure) {
      if (failure.retryAfter !== undefined) c.header('Retry-After', failure.retryAfter);
      return c.json({ status: 'error', code: -1, name: 'GeneralError', message: `injected failure ${failure.status}` }, failure.status);
    }
    const body = (await c.req.json()) as { key?: string; message?: { to?: Recipient[]; from_email?: string }; async?: boolean; send_at?: string };
    received.push(body as Record<string, unknown>);
    if (body.key !== apiKey) return c.json({ status: 'error', code: -1, name: 'Invalid_Key', message: 'Invalid API key' }, 401);
    const to = body.message?.to ?? [];
    if (to.length === 0) return c.json({ status: 'error', code: -2, name: 'ValidationError', message: 'Validation error: {"message":{"to":"Please enter an array"}}' }, 400);
    if (!body.message?.from_email) {
      return c.json({ status: 'error', code: -2, name: 'ValidationError', message: 'Validation error: {"message":{"from_email":"The domain for your sending address is not verified"}}' }, 400);
    }
    return c.json(to.map((recipient) => statusOf(recipient, body)));
  });
  return { app, received, failNext, state };
}

function statusOf(recipient: Recipient, body: { async?: boolean; send_at?: string }): Record<string, unknown> {
  const _id = randomBytes(16).toString('hex');
  if (!recipient.email.includes('@')) return { email: recipient.email, status: 'invalid', _id, reject_reason: null };
  if (recipient.email.endsWith('@bounce.example')) return { email: recipient.email, status: 'rejected', _id, reject_reason: 'hard-bounce' };
  if (body.send_at) return { email: recipient.email, status: 'scheduled', _id, reject_reason: null };
  if (body.async) return { email: recipient.email, status: 'queued', _id, reject_reason: null, queued_reason: 'multiple-recipients' };
  return { email: recipient.email, status: 'sent', _id, reject_reason: null };
}

/** Waits `ms`, or less if the client goes away first. */
export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
