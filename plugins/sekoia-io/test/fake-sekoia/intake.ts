import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { FakeSekoiaState } from './state.js';

/**
 * The intake's `POST /batch` (https://docs.sekoia.io/integration/ingestion_methods/https/format/):
 * `{intake_key, jsons}` -> `{event_ids}`, no Authorization. 400 without a key or with an event
 * that is not a string, 401 for an intake key it does not know (the documentation names no
 * status for it), 413 over 10 MiB.
 */
export function intakeRoutes(state: FakeSekoiaState): Hono {
  const app = new Hono();
  app.post('/batch', async (c) => {
    const raw = await c.req.text();
    if (Buffer.byteLength(raw) > 10 * 1024 * 1024) return c.json({ message: 'Request entity too large' }, 413);
    const body = JSON.parse(raw) as { intake_key?: unknown; jsons?: unknown };
    if (typeof body.intake_key !== 'string' || !Array.isArray(body.jsons) || !body.jsons.every((item) => typeof item === 'string')) {
      return c.json({ message: 'intake_key and jsons (strings) are required' }, 400);
    }
    if (!state.intakeKeys.has(body.intake_key)) return c.json({ message: `Intake key ${body.intake_key} is unknown` }, 401);
    const jsons = body.jsons as string[];
    const delay = state.batchDelays[state.batches.length] ?? 0;
    state.batches.push({ intake_key: body.intake_key, jsons });
    const ids = jsons.map((json) => {
      const id = randomUUID();
      state.eventIds.set(id, json);
      return id;
    });
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    return c.json({ received: true, event_ids: ids });
  });
  return app;
}
