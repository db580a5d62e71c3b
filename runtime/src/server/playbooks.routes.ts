import { PlyError } from '@ply/core';
import { type PlaybookRecord } from '../store/playbook-repository.js';
import { Hono } from 'hono';
import { requireRole } from './auth.middleware.js';
import * as z from 'zod';
import { bodyText, integerQuery, jsonBody, parseBody } from './request-input.js';
import type { Caller, ServerEnv } from './server-env.js';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, WEBHOOK_TOKEN_HEADER, WEBHOOK_TOLERANCE_SECONDS, type WebhookSecrets } from './webhook-secrets.js';

function triggerTypeOf(record: PlaybookRecord): string | undefined {
  const trigger = (record.document as { trigger?: { type?: unknown } } | null)?.trigger;
  return typeof trigger?.type === 'string' ? trigger.type : undefined;
}

/** Body of `POST /playbooks/dry-run`. */
export const DRY_RUN_BODY = z.strictObject({
  document: z.union([z.string(), z.record(z.string(), z.unknown())]).describe('The playbook: its JSON or YAML text, or the document as JSON'),
  trigger: z.unknown().describe('The sample trigger event templates read as `trigger` (default {})').optional(),
  results: z.record(z.string(), z.unknown()).describe('Sample results of some nodes, by node id (`node.<id>` in templates); the others are not known in a dry run').optional(),
});

const savedBy = (caller: Caller | undefined) => (caller ? { savedBy: caller.name } : {});

function versionParam(raw: string): number {
  const version = Number(raw);
  if (!Number.isInteger(version) || version < 1) throw new PlyError('PLY_INVALID_INPUT', `version must be a positive integer, got "${raw}"`);
  return version;
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

  // Viewers may dry-run as they may validate: nothing is called, read from accounts or recorded.
  app.post('/dry-run', requireRole('viewer'), async (c) => {
    const { engine } = c.get('runtime');
    const body = await parseBody(c, DRY_RUN_BODY);
    const document = typeof body.document === 'string' ? engine.parse(body.document) : body.document;
    return c.json(await engine.dryRun(document, { trigger: body.trigger ?? {}, ...(body.results ? { results: body.results } : {}) }));
  });

  app.post('/', requireRole('admin'), async (c) => {
    const { engine } = c.get('runtime');
    // Validated before anything is written: a refused ?enable=true leaves no playbook behind.
    const text = await bodyText(c);
    return c.json(await engine.create(engine.parse(text), { ...savedBy(c.get('caller')), source: text, enable: c.req.query('enable') === 'true' }), 201);
  });

  app.put('/:id', requireRole('admin'), async (c) => {
    const { engine, store } = c.get('runtime');
    const id = (await store.playbooks.get(c.req.param('id'))).id;
    const text = await bodyText(c);
    return c.json(await engine.update(id, engine.parse(text), { ...savedBy(c.get('caller')), source: text }));
  });

  app.get('/:id/versions', requireRole('viewer'), async (c) => {
    const { store } = c.get('runtime');
    const id = (await store.playbooks.get(c.req.param('id'))).id;
    return c.json({ versions: await store.playbookVersions.list(id, integerQuery(c, 'limit', 1, 1000) ?? 100) });
  });

  app.get('/:id/versions/:version', requireRole('viewer'), async (c) => {
    const { store } = c.get('runtime');
    const id = (await store.playbooks.get(c.req.param('id'))).id;
    const version = versionParam(c.req.param('version'));
    const kept = await store.playbookVersions.find(id, version);
    if (!kept) throw new PlyError('PLY_PLAYBOOK_NOT_FOUND', `playbook ${id} has no version ${version}`, { details: { id, version } });
    return c.json(kept);
  });

  app.post('/:id/versions/:version/restore', requireRole('admin'), async (c) => {
    const { engine } = c.get('runtime');
    return c.json(await engine.restore(c.req.param('id'), versionParam(c.req.param('version')), savedBy(c.get('caller'))));
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
