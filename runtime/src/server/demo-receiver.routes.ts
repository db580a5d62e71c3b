import { PlyError } from '@ply/core';
import { Hono } from 'hono';
import { DEMO_PLAYBOOK_ID } from './first-start.js';
import { bodyText } from './request-input.js';
import type { ServerEnv } from './server-env.js';

/**
 * `POST /demo/receiver`: stands in for a Mattermost incoming webhook in the demo playbook and
 * logs what it got, so the first `ply serve` shows a whole run without any outside service. It
 * answers only while the demo playbook is enabled (404 otherwise: anyone can reach it), and the
 * body goes into a field of one pino line, escaped, so a caller cannot write lines of its own
 * into the server's output.
 */
export function demoReceiverRoutes(): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.post('/receiver', async (c) => {
    const { store } = c.get('runtime');
    const demo = await store.playbooks.runState(DEMO_PLAYBOOK_ID);
    if (!demo?.enabled) throw new PlyError('PLY_PLAYBOOK_NOT_FOUND', 'the demo receiver answers only while the demo playbook is enabled', { details: { id: DEMO_PLAYBOOK_ID } });
    c.var.log.info('demo receiver got a message', { body: await bodyText(c, 64 * 1024) });
    return c.text('ok');
  });
  return app;
}
