import { Hono } from 'hono';
import { bodyBytes } from './request-input.js';
import type { ServerEnv } from './server-env.js';
import type { WebhookReceiver } from './webhook-receiver.js';

/**
 * `POST /hooks/{playbook id}` in the Hono app (see {@link WebhookReceiver} for what it checks).
 * `ply serve` answers these requests before Hono (webhook-listener.ts), with the same receiver;
 * this route serves `app.request` callers and lists the route.
 */
export function hooksRoutes(receiver: WebhookReceiver): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.post('/:id', async (c) => {
    const { executionId } = await receiver.accept({ id: c.req.param('id'), header: (name) => c.req.header(name), body: (limit) => bodyBytes(c, limit) });
    return c.json({ executionId }, 202);
  });
  return app;
}
