import { PlyError } from '@ply/core';
import { type ExecutionStatus } from '../store/execution-record.js';
import { Hono } from 'hono';
import { requireRole } from './auth.middleware.js';
import { integerQuery } from './request-input.js';
import type { ServerEnv } from './server-env.js';

const STATUSES: readonly ExecutionStatus[] = ['queued', 'running', 'succeeded', 'failed', 'interrupted'];

/** Executions: listed with filters and keyset pagination, read with their node records; rerun by operators. */
export function executionsRoutes(): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.get('/', requireRole('viewer'), async (c) => {
    const status = c.req.query('status');
    if (status !== undefined && !STATUSES.includes(status as ExecutionStatus)) {
      throw new PlyError('PLY_INVALID_INPUT', `query parameter "status" must be one of ${STATUSES.join(', ')} (got "${status}")`);
    }
    const playbookId = c.req.query('playbook');
    const before = c.req.query('before');
    const limit = integerQuery(c, 'limit', 1, 1000);
    const executions = await c.get('runtime').store.executions.list({
      ...(playbookId ? { playbookId } : {}),
      ...(status ? { status: status as ExecutionStatus } : {}),
      ...(before ? { before } : {}),
      ...(limit ? { limit } : {}),
    });
    const last = executions.at(-1);
    return c.json({ executions, ...(last && executions.length === (limit ?? 50) ? { next: last.id } : {}) });
  });

  app.get('/:id', requireRole('viewer'), async (c) => c.json(await c.get('runtime').store.executions.get(c.req.param('id'))));

  // The recorded trigger event is masked: secrets in it were replaced before it was written.
  app.post('/:id/rerun', requireRole('operator'), async (c) => {
    const { store, engine } = c.get('runtime');
    const previous = await store.executions.get(c.req.param('id'));
    const { executionId } = await engine.submit(previous.playbookId, previous.triggerEvent, { force: true });
    return c.json({ executionId, rerunOf: previous.id }, 202);
  });

  return app;
}
