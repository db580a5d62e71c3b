import { PlyError, type PinoLogger } from '@ply/core';
import { Hono } from 'hono';
import { DEMO_PLAYBOOK_ID } from './first-start.js';
import { bodyText } from './request-input.js';
import type { Runtime } from './runtime.js';
import type { ServerEnv } from './server-env.js';

/** Where the demo playbook posts, and the most of a body it reads. */
export const DEMO_RECEIVER_PATH = '/demo/receiver';
const DEMO_RECEIVER_LIMIT = 64 * 1024;

/**
 * What `POST /demo/receiver` does with a message, whichever server reads it (this Hono route, or
 * node:http in front of Hono in `ply serve`, see webhook-listener.ts): PLY_PLAYBOOK_NOT_FOUND unless
 * the demo playbook is enabled, the body read (at most {@link DEMO_RECEIVER_LIMIT} bytes) only then.
 */
export async function receiveDemoMessage(store: Runtime['store'], log: PinoLogger, body: (limit: number) => Promise<string>): Promise<void> {
  const demo = await store.playbooks.runState(DEMO_PLAYBOOK_ID);
  if (!demo?.enabled) throw new PlyError('PLY_PLAYBOOK_NOT_FOUND', 'the demo receiver answers only while the demo playbook is enabled', { details: { id: DEMO_PLAYBOOK_ID } });
  log.info('demo receiver got a message', { body: await body(DEMO_RECEIVER_LIMIT) });
}

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
    await receiveDemoMessage(c.get('runtime').store, c.var.log, (limit) => bodyText(c, limit));
    return c.text('ok');
  });
  return app;
}
