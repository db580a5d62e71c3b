import { PlyError } from '@ply/core';
import { type PlaybookRecord } from '../store/playbook-repository.js';
import { Hono } from 'hono';
import { requireRole } from './auth.middleware.js';
import { bodyText, jsonBody } from './request-input.js';
import type { ServerEnv } from './server-env.js';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TOKEN_HEADER, type WebhookSecrets } from './webhook-secrets.js';

function triggerTypeOf(record: PlaybookRecord): string | undefined {
  const trigger = (record.document as { trigger?: { type?: unknown } } | null)?.trigger;
  return typeof trigger?.type === 'string' ? trigger.type : undefined;
}

/**
 * Playbooks: created and updated from JSON or YAML text (the request body is the document),
 * validated, enabled, disabled (admin), run by operators, read by viewers.
 */
export function playbooksRoutes(webhooks: WebhookSecrets): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.get('/', requireRole('viewer'), (c) => c.json({ playbooks: c.get('runtime').store.playbooks.list() }));

  app.get('/:id', requireRole('viewer'), (c) => c.json(c.get('runtime').store.playbooks.get(c.req.param('id'))));

  app.post('/validate', requireRole('viewer'), async (c) => {
    const { engine } = c.get('runtime');
    const text = await bodyText(c);
    let issues;
    try {
      issues = engine.validate(engine.parse(text));
    } catch (error) {
      if (!(error instanceof PlyError) || error.code !== 'PLY_PLAYBOOK_INVALID') throw error;
      issues = error.issues;
    }
    return c.json({ valid: issues.length === 0, issues });
  });

  app.post('/', requireRole('admin'), async (c) => {
    const { engine } = c.get('runtime');
    const record = engine.create(engine.parse(await bodyText(c)));
    if (c.req.query('enable') === 'true') return c.json(engine.enable(record.id), 201);
    return c.json(record, 201);
  });

  app.put('/:id', requireRole('admin'), async (c) => {
    const { engine, store } = c.get('runtime');
    const id = store.playbooks.get(c.req.param('id')).id;
    return c.json(engine.update(id, engine.parse(await bodyText(c))));
  });

  app.delete('/:id', requireRole('admin'), (c) => {
    const { store } = c.get('runtime');
    const id = store.playbooks.get(c.req.param('id')).id;
    store.playbooks.delete(id);
    return c.body(null, 204);
  });

  app.post('/:id/enable', requireRole('admin'), (c) => c.json(c.get('runtime').engine.enable(c.req.param('id'))));

  app.post('/:id/disable', requireRole('admin'), (c) => c.json(c.get('runtime').engine.disable(c.req.param('id'))));

  // A manual run: the body is the trigger event. `?force=true` runs a disabled playbook (a test run).
  app.post('/:id/run', requireRole('operator'), async (c) => {
    const event = await jsonBody(c);
    const { engine, store } = c.get('runtime');
    const { executionId } = engine.start(c.req.param('id'), event, { force: c.req.query('force') === 'true' });
    await store.executions.committed();
    return c.json({ executionId }, 202);
  });

  app.get('/:id/webhook', requireRole('admin'), (c) => {
    const record = c.get('runtime').store.playbooks.get(c.req.param('id'));
    if (triggerTypeOf(record) !== 'webhook') throw new PlyError('PLY_INVALID_INPUT', `playbook ${record.id} is not started by a webhook (its trigger is ${triggerTypeOf(record) ?? 'missing'})`);
    return c.json({
      path: `/hooks/${record.id}`,
      token: webhooks.tokenOf(record.id),
      tokenHeader: WEBHOOK_TOKEN_HEADER,
      signatureHeader: WEBHOOK_SIGNATURE_HEADER,
      signature: 'sha256=<hex of HMAC-SHA256(token, raw body)>',
    });
  });

  return app;
}
