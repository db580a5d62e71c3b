import { Hono } from 'hono';

/** A failure the fake answers instead of handling the next request. */
export interface InjectedFailure {
  status: 429 | 500 | 502 | 503;
  /** Sent as `Retry-After` (seconds) so retries in tests do not wait. */
  retryAfter?: string;
}

const SEVERITIES = new Set(['critical', 'error', 'warning', 'info']);
const ACTIONS = new Set(['trigger', 'acknowledge', 'resolve']);

/**
 * A fake of PagerDuty's Events API v2 `POST /v2/enqueue`, as documented
 * (https://developer.pagerduty.com/docs/events-api-v2/overview/): 202
 * `{status:"success", message:"Event processed", dedup_key}`; 400
 * `{status:"invalid event", message:"Event object is invalid", errors:[...]}` for a routing key
 * that is not 32 characters, an unknown `event_action`, a trigger without summary, source or a
 * known severity, or a follow-up event without `dedup_key`. `failNext` queues 429/5xx answers;
 * `delayNextMs` makes the next answer slow.
 */
export function fakePagerDuty() {
  const received: Array<Record<string, unknown>> = [];
  const failNext: InjectedFailure[] = [];
  const state = { delayNextMs: 0 };
  const app = new Hono();

  app.post('/v2/enqueue', async (c) => {
    const delay = state.delayNextMs;
    state.delayNextMs = 0;
    if (delay > 0) await sleepUnlessAborted(delay, c.req.raw.signal);
    const failure = failNext.shift();
    if (failure) {
      if (failure.retryAfter !== undefined) c.header('Retry-After', failure.retryAfter);
      return failure.status === 429 ? c.json({ status: 'throttle event', message: 'Requests for this service are arriving too quickly. Please retry later.' }, 429) : c.text(`upstream unavailable (${failure.status})`, failure.status);
    }
    const event = (await c.req.json()) as Record<string, unknown>;
    received.push(event);
    const errors = validate(event);
    if (errors.length > 0) return c.json({ status: 'invalid event', message: 'Event object is invalid', errors }, 400);
    return c.json({ status: 'success', message: 'Event processed', dedup_key: (event['dedup_key'] as string | undefined) ?? 'generated-dedup-key' }, 202);
  });
  return { app, received, failNext, state };
}

function validate(event: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const routingKey = event['routing_key'];
  if (typeof routingKey !== 'string' || routingKey.length !== 32) errors.push("Length of 'routing_key' is incorrect (should be 32 characters)");
  const action = event['event_action'];
  if (typeof action !== 'string' || !ACTIONS.has(action)) errors.push("'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')");
  if (action === 'trigger') {
    const payload = (event['payload'] ?? {}) as Record<string, unknown>;
    if (!payload['summary']) errors.push("'payload.summary' is missing or blank");
    if (!payload['source']) errors.push("'payload.source' is missing or blank");
    if (!SEVERITIES.has(payload['severity'] as string)) errors.push("'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')");
  } else if (action && !event['dedup_key']) {
    errors.push("'dedup_key' is missing or blank");
  }
  return errors;
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
