import { PlyError } from '@ply/core';
import { type PlaybookTriggers } from '../supervisor/playbook-triggers.js';
import { Hono } from 'hono';
import { requireRole } from './auth.middleware.js';
import type { ServerEnv } from './server-env.js';

/** What the routes need of the trigger supervisor (`PlaybookTriggers` in `ply serve`). */
export type SupervisedTriggers = Pick<PlaybookTriggers, 'status' | 'statusOf' | 'startTrigger' | 'stopTrigger'>;

/**
 * The supervised triggers (schedule and module) of playbooks, by playbook id: read by viewers,
 * started and stopped by admins. Stopping holds the trigger without disabling its playbook.
 */
export function triggersRoutes(triggers: SupervisedTriggers | undefined): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  const supervisor = (): SupervisedTriggers => {
    if (!triggers) throw new PlyError('PLY_TRIGGER_NOT_FOUND', 'this server runs no trigger supervisor');
    return triggers;
  };

  app.get('/', requireRole('viewer'), async (c) => c.json({ triggers: (await triggers?.status()) ?? [] }));

  app.get('/:id', requireRole('viewer'), async (c) => c.json(await supervisor().statusOf(c.req.param('id'))));

  app.post('/:id/start', requireRole('admin'), async (c) => c.json(await supervisor().startTrigger(c.req.param('id'))));

  app.post('/:id/stop', requireRole('admin'), async (c) => c.json(await supervisor().stopTrigger(c.req.param('id'))));

  return app;
}
