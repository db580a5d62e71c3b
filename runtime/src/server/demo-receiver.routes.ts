import { Hono } from 'hono';
import { bodyText } from './request-input.js';
import type { ServerEnv } from './server-env.js';

/**
 * `POST /demo/receiver`: stands in for a Mattermost incoming webhook in the demo playbook and
 * prints what it got, so the first `ply serve` shows a whole run without any outside service.
 */
export function demoReceiverRoutes(print: (line: string) => void): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.post('/receiver', async (c) => {
    print(`[demo receiver] ${await bodyText(c, 64 * 1024)}`);
    return c.text('ok');
  });
  return app;
}
