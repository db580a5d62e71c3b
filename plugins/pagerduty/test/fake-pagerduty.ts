import { Hono } from 'hono';
import { faultInjection } from '@ply/kit/testing';

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
  const faults = faultInjection();
  const app = new Hono();
  app.use(
    '*',
    faults.middleware((c, failure) =>
      failure.status === 429
        ? c.json({ status: 'throttle event', message: 'Requests for this service are arriving too quickly. Please retry later.' }, 429)
        : c.text(`upstream unavailable (${failure.status})`, failure.status),
    ),
  );

  app.post('/v2/enqueue', async (c) => {
    const event = (await c.req.json()) as Record<string, unknown>;
    received.push(event);
    const errors = validate(event);
    if (errors.length > 0) return c.json({ status: 'invalid event', message: 'Event object is invalid', errors }, 400);
    return c.json({ status: 'success', message: 'Event processed', dedup_key: (event['dedup_key'] as string | undefined) ?? 'generated-dedup-key' }, 202);
  });
  return { app, received, failNext: faults.failNext, state: faults };
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

