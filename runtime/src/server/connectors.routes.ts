import { PlyError } from '@ply/core';
import { type ConnectorInstanceForRun, type ConnectorInstanceView } from '../store/connector-instance-repository.js';
import { type ConnectorInstances, type ConnectorStatus } from '../supervisor/connector-instances.js';
import { Hono } from 'hono';
import { requireRole } from './auth.middleware.js';
import * as z from 'zod';
import { parseBody } from './request-input.js';
import type { Runtime } from './runtime.js';
import type { ServerEnv } from './server-env.js';

const INTAKE_KEY = z.string().describe('Intake key (write-only)');

/** Body of `POST /connectors`. */
export const CREATE_CONNECTOR_BODY = z.strictObject({
  module: z.string().describe('Module slug'),
  connector: z.string().describe('Connector slug (or uuid) in the module'),
  account: z.string().describe('Account name: the module configuration the connector runs with').optional(),
  arguments: z.record(z.string(), z.unknown()).describe("The connector's own configuration; its secret keys and intake_key are write-only (responses show { set: true })").optional(),
  intake: z
    .strictObject({ url: z.string().describe('URL of the intake /batch endpoint'), key: INTAKE_KEY.optional() })
    .describe('The intake /batch endpoint (Sekoia format { intake_key, jsons }) and its key (default: the intake_key argument)'),
  enabled: z.boolean().describe('Run it now (default false)').optional(),
});

/** Body of `PATCH /connectors/{id}`. */
export const UPDATE_CONNECTOR_BODY = z.strictObject({
  account: z.string().nullable().describe('Account name, or null for none').optional(),
  arguments: z.record(z.string(), z.unknown()).describe('Replaces the non-secret arguments; secret keys left out are kept, set to null are removed').optional(),
  intake: z.strictObject({ url: z.string().optional(), key: INTAKE_KEY.nullable().optional() }).describe('Key left out is kept, null removes it').optional(),
  enabled: z.boolean().describe('Whether the supervisor runs it (what start and stop set)').optional(),
});

/** What the routes need of the connector supervisor (`ConnectorInstances` in `ply serve`). */
export type SupervisedConnectors = Pick<ConnectorInstances, 'status' | 'sync'>;

const STOPPED: ConnectorStatus = { state: 'stopped', restarts: 0, startedAt: null, lastHeartbeatAt: null, healthy: false, lastError: null, nextRestartAt: null, eventsPushed: 0, checkpoint: null };

/** The connector the instance names, and its secret argument keys (its `secrets`, and `intake_key` always). */
function connectorOf(runtime: Runtime, module: string, connector: string) {
  runtime.ply.catalog.module(module);
  const { item } = runtime.ply.catalog.find('connector', `${module}.${connector}`);
  const secrets = item.arguments['secrets'];
  const secretKeys = [...(Array.isArray(secrets) ? secrets.filter((key): key is string => typeof key === 'string') : []), 'intake_key'];
  return { item, secretKeys };
}

/** Refuses an instance that could not run: unknown account, bad intake, arguments not matching the connector's schema. */
async function checkInstance(runtime: Runtime, instance: ConnectorInstanceForRun): Promise<void> {
  const { item } = connectorOf(runtime, instance.module, instance.connector);
  if (instance.account !== null && !(await runtime.store.accounts.exists(instance.module, instance.account))) {
    throw new PlyError('PLY_ACCOUNT_NOT_FOUND', `module "${instance.module}" has no account named "${instance.account}"`, { details: { module: instance.module, name: instance.account } });
  }
  let url: URL | undefined;
  try {
    url = new URL(instance.intake.url);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new PlyError('PLY_INVALID_INPUT', `intake.url must be an http(s) URL (got "${instance.intake.url}")`, { details: { issues: [{ pointer: '/intake/url', message: 'must be an http(s) URL' }] } });
  if (!instance.intake.key) throw new PlyError('PLY_INVALID_INPUT', 'intake.key is required unless the arguments have intake_key', { details: { issues: [{ pointer: '/intake/key', message: 'is required' }] } });
  const validator = runtime.ply.schemas.validator(item.arguments, { file: item.file, pointer: '/arguments' });
  // Issues name keys and rules, never values, so secrets cannot leak through them.
  const issues = validator(structuredClone(instance.arguments));
  if (issues.length > 0) {
    throw new PlyError('PLY_ARGUMENTS_INVALID', `arguments of ${item.slug} do not match the schema: ${issues.slice(0, 5).map((i) => `${i.pointer} ${i.message}`).join('; ')}`, { details: { issues } });
  }
}

/**
 * Connector instances: configured by admins (secret arguments and intake key write-only), read
 * by viewers with their run-time status. Start and stop set the instance's `enabled` flag (kept
 * across restarts) and wait for the supervisor to follow.
 */
export function connectorsRoutes(connectors: SupervisedConnectors | undefined): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  const withStatus = async (instance: ConnectorInstanceView) => ({ ...instance, status: (await connectors?.status(instance.id)) ?? STOPPED });
  const followed = async () => {
    await connectors?.sync();
  };

  app.get('/', requireRole('viewer'), async (c) => c.json({ connectors: await Promise.all((await c.get('runtime').store.connectors.list()).map(withStatus)) }));

  app.get('/:id', requireRole('viewer'), async (c) => c.json(await withStatus(await c.get('runtime').store.connectors.get(c.req.param('id')))));

  app.post('/', requireRole('admin'), async (c) => {
    const body = await parseBody(c, CREATE_CONNECTOR_BODY);
    const runtime = c.get('runtime');
    const connector = connectorOf(runtime, body.module, body.connector);
    const created = await runtime.store.connectors.create({
      module: body.module,
      connector: connector.item.slug,
      account: body.account ?? null,
      arguments: body.arguments ?? {},
      secretKeys: connector.secretKeys,
      intake: { url: body.intake.url, ...(body.intake.key !== undefined ? { key: body.intake.key } : {}) },
      enabled: body.enabled === true,
      check: (instance) => checkInstance(runtime, instance),
    });
    await followed();
    return c.json(await withStatus(created), 201);
  });

  app.patch('/:id', requireRole('admin'), async (c) => {
    const body = await parseBody(c, UPDATE_CONNECTOR_BODY);
    const { intake } = body;
    const runtime = c.get('runtime');
    const existing = await runtime.store.connectors.get(c.req.param('id'));
    const updated = await runtime.store.connectors.update(existing.id, {
      ...(body.account !== undefined ? { account: body.account } : {}),
      ...(body.arguments ? { arguments: body.arguments } : {}),
      ...(intake ? { intake: { ...(intake.url !== undefined ? { url: intake.url } : {}), ...(intake.key !== undefined ? { key: intake.key } : {}) } } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      secretKeys: connectorOf(runtime, existing.module, existing.connector).secretKeys,
      check: (instance) => checkInstance(runtime, instance),
    });
    await followed();
    return c.json(await withStatus(updated));
  });

  app.delete('/:id', requireRole('admin'), async (c) => {
    const { store } = c.get('runtime');
    await store.connectors.delete((await store.connectors.get(c.req.param('id'))).id);
    await followed();
    return c.body(null, 204);
  });

  for (const [action, enabled] of [['start', true], ['stop', false]] as const) {
    app.post(`/:id/${action}`, requireRole('admin'), async (c) => {
      const runtime = c.get('runtime');
      const existing = await runtime.store.connectors.get(c.req.param('id'));
      // Starting an enabled instance again is a no-op (its stamp is kept, so it is not restarted).
      const instance =
        existing.enabled === enabled
          ? existing
          : await runtime.store.connectors.update(existing.id, { enabled, secretKeys: [], ...(enabled ? { check: (next: ConnectorInstanceForRun) => checkInstance(runtime, next) } : {}) });
      await followed();
      return c.json(await withStatus(instance));
    });
  }

  return app;
}
