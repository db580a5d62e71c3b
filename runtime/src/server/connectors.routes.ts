import { PlyError } from '@ply/core';
import { type ConnectorInstanceForRun, type ConnectorInstanceView } from '../store/connector-instance-repository.js';
import { type ConnectorInstances, type ConnectorStatus } from '../supervisor/connector-instances.js';
import { Hono } from 'hono';
import { requireRole } from './auth.middleware.js';
import { checkedBody, checkedObject, type BodySpec } from './request-input.js';
import type { Runtime } from './runtime.js';
import type { ServerEnv } from './server-env.js';

/** Body of `POST /connectors`. */
export const CREATE_CONNECTOR_BODY: BodySpec = {
  module: { type: 'string', required: true, description: 'Module slug' },
  connector: { type: 'string', required: true, description: 'Connector slug (or uuid) in the module' },
  account: { type: 'string', description: 'Account name: the module configuration the connector runs with' },
  arguments: { type: 'object', description: "The connector's own configuration; its secret keys and intake_key are write-only (responses show { set: true })" },
  intake: { type: 'object', required: true, description: '{ url, key? }: the intake /batch endpoint (Sekoia format { intake_key, jsons }) and its key (write-only; default: the intake_key argument)' },
  enabled: { type: 'boolean', description: 'Run it now (default false)' },
};

/** Body of `PATCH /connectors/{id}`. */
export const UPDATE_CONNECTOR_BODY: BodySpec = {
  account: { type: 'string', nullable: true, description: 'Account name, or null for none' },
  arguments: { type: 'object', description: 'Replaces the non-secret arguments; secret keys left out are kept, set to null are removed' },
  intake: { type: 'object', description: '{ url?, key? }: key left out is kept, null removes it' },
  enabled: { type: 'boolean', description: 'Whether the supervisor runs it (what start and stop set)' },
};

const INTAKE_CREATE: BodySpec = {
  url: { type: 'string', required: true, description: 'URL of the intake /batch endpoint' },
  key: { type: 'string', description: 'Intake key' },
};
const INTAKE_UPDATE: BodySpec = { url: { type: 'string', description: 'URL' }, key: { type: 'string', nullable: true, description: 'Intake key' } };

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
function checkInstance(runtime: Runtime, instance: ConnectorInstanceForRun): void {
  const { item } = connectorOf(runtime, instance.module, instance.connector);
  if (instance.account !== null && !runtime.store.accounts.exists(instance.module, instance.account)) {
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
  const withStatus = (instance: ConnectorInstanceView) => ({ ...instance, status: connectors?.status(instance.id) ?? STOPPED });
  const followed = async () => {
    await connectors?.sync();
  };

  app.get('/', requireRole('viewer'), (c) => c.json({ connectors: c.get('runtime').store.connectors.list().map(withStatus) }));

  app.get('/:id', requireRole('viewer'), (c) => c.json(withStatus(c.get('runtime').store.connectors.get(c.req.param('id')))));

  app.post('/', requireRole('admin'), async (c) => {
    const body = await checkedBody(c, CREATE_CONNECTOR_BODY);
    const intake = checkedObject(body['intake'], INTAKE_CREATE, 'intake');
    const runtime = c.get('runtime');
    const module = body['module'] as string;
    const connector = connectorOf(runtime, module, body['connector'] as string);
    const created = runtime.store.connectors.create({
      module,
      connector: connector.item.slug,
      account: (body['account'] as string | undefined) ?? null,
      arguments: (body['arguments'] as Record<string, unknown> | undefined) ?? {},
      secretKeys: connector.secretKeys,
      intake: { url: intake['url'] as string, ...(typeof intake['key'] === 'string' ? { key: intake['key'] } : {}) },
      enabled: body['enabled'] === true,
      check: (instance) => checkInstance(runtime, instance),
    });
    await followed();
    return c.json(withStatus(created), 201);
  });

  app.patch('/:id', requireRole('admin'), async (c) => {
    const body = await checkedBody(c, UPDATE_CONNECTOR_BODY);
    const intake = body['intake'] === undefined ? undefined : checkedObject(body['intake'], INTAKE_UPDATE, 'intake');
    const runtime = c.get('runtime');
    const existing = runtime.store.connectors.get(c.req.param('id'));
    const updated = runtime.store.connectors.update(existing.id, {
      ...(body['account'] !== undefined ? { account: body['account'] as string | null } : {}),
      ...(body['arguments'] ? { arguments: body['arguments'] as Record<string, unknown> } : {}),
      ...(intake ? { intake: { ...(typeof intake['url'] === 'string' ? { url: intake['url'] } : {}), ...(intake['key'] !== undefined ? { key: intake['key'] as string | null } : {}) } } : {}),
      ...(typeof body['enabled'] === 'boolean' ? { enabled: body['enabled'] } : {}),
      secretKeys: connectorOf(runtime, existing.module, existing.connector).secretKeys,
      check: (instance) => checkInstance(runtime, instance),
    });
    await followed();
    return c.json(withStatus(updated));
  });

  app.delete('/:id', requireRole('admin'), async (c) => {
    const { store } = c.get('runtime');
    store.connectors.delete(store.connectors.get(c.req.param('id')).id);
    await followed();
    return c.body(null, 204);
  });

  for (const [action, enabled] of [['start', true], ['stop', false]] as const) {
    app.post(`/:id/${action}`, requireRole('admin'), async (c) => {
      const runtime = c.get('runtime');
      const existing = runtime.store.connectors.get(c.req.param('id'));
      // Starting an enabled instance again is a no-op (its stamp is kept, so it is not restarted).
      const instance =
        existing.enabled === enabled
          ? existing
          : runtime.store.connectors.update(existing.id, { enabled, secretKeys: [], ...(enabled ? { check: (next: ConnectorInstanceForRun) => checkInstance(runtime, next) } : {}) });
      await followed();
      return c.json(withStatus(instance));
    });
  }

  return app;
}
