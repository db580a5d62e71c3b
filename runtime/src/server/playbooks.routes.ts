import { PlyError } from '@ply/core';
import { type PlaybookRecord } from '../store/playbook-repository.js';
import { Hono } from 'hono';
import { requireRole } from './auth.middleware.js';
import { bodyText, jsonBody } from './request-input.js';
import type { ServerEnv } from './server-env.js';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, WEBHOOK_TOKEN_HEADER, WEBHOOK_TOLERANCE_SECONDS, type WebhookSecrets } from './webhook-secrets.js';

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

  app.get('/', requireRole('viewer'), async (c) => c.json({ playbooks: await c.get('runtime').store.playbooks.list() }));

  app.get('/:id', requireRole('viewer'), async (c) => c.json(await c.get('runtime').store.playbooks.get(c.req.param('id'))));

  app.post('/validate', requireRole('viewer'), async (c) => {
    const { engine } = c.get('runtime');
    const text = await bodyText(c);
    let issues;
    try {
      issues = await engine.validate(engine.parse(text));
    } catch (error) {
      if (!(error instanceof PlyError) || error.code !== 'PLY_PLAYBOOK_INVALID') throw error;
      issues = error.issues;
    }
    return c.json({ valid: issues.length === 0, issues });
  });

  app.post('/', requireRole('admin'), async (c) => {
    const { engine } = c.get('runtime');
    const record = await engine.create(engine.parse(await bodyText(c)));
    if (c.req.query('enable') === 'true') return c.json(await engine.enable(record.id), 201);
    return c.json(record, 201);
  });

  app.put('/:id', requireRole('admin'), async (c) => {
    const { engine, store } = c.get('runtime');
    const id = (await store.playbooks.get(c.req.param('id'))).id;
    return c.json(await engine.update(id, engine.parse(await bodyText(c))));
  });

  app.delete('/:id', requireRole('admin'), async (c) => {
    const { store } = c.get('runtime');
    const id = (await store.playbooks.get(c.req.param('id'))).id;
    await store.playbooks.delete(id);
    return c.body(null, 204);
  });

  app.post('/:id/enable', requireRole('admin'), async (c) => c.json(await c.get('runtime').engine.enable(c.req.param('id'))));

  app.post('/:id/disable', requireRole('admin'), async (c) => c.json(await c.get('runtime').engine.disable(c.req.param('id'))));

  // A manual run: the body is the trigger event. `?force=true` runs a disabled playbook (a test run).
  app.post('/:id/run', requireRole('operator'), async (c) => {
    const event = await jsonBody(c);
    const { engine } = c.get('runtime');
    const { executionId } = await engine.submit(c.req.param('id'), event, { force: c.req.query('force') === 'true' });
    return c.json({ executionId }, 202);
  });

  const webhookOf = (record: PlaybookRecord) => {
    if (triggerTypeOf(record) !== 'webhook') throw new PlyError('PLY_INVALID_INPUT', `playbook ${record.id} is not started by a webhook (its trigger is ${triggerTypeOf(record) ?? 'missing'})`);
    return {
      path: `/hooks/${record.id}`,
      token: webhooks.tokenOf(record.id, record.webhookTokenVersion),
      tokenHeader: WEBHOOK_TOKEN_HEADER,
      signatureHeader: WEBHOOK_SIGNATURE_HEADER,
      signature: 'sha256=<hex of HMAC-SHA256(token, raw body bytes)>',
      timestampHeader: WEBHOOK_TIMESTAMP_HEADER,
      timestampedSignature: `sha256=<hex of HMAC-SHA256(token, "<Unix seconds>." + raw body bytes)>, refused more than ${WEBHOOK_TOLERANCE_SECONDS} s from the server's clock`,
    };
  };

  app.get('/:id/webhook', requireRole('admin'), async (c) => c.json(webhookOf(await c.get('runtime').store.playbooks.get(c.req.param('id')))));

  // A new token for this playbook's webhook: the old one (and signatures made with it) is refused at once.
  app.post('/:id/webhook/rotate', requireRole('admin'), async (c) => {
    const { store } = c.get('runtime');
    webhookOf(await store.playbooks.get(c.req.param('id')));
    return c.json(webhookOf(await store.playbooks.rotateWebhookToken(c.req.param('id'))));
  });

  return app;
}
