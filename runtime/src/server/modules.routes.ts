import { MAX_TIMEOUT_MS, PlyError, type LoadedModule, type ModuleItem } from '@ply/core';
import { Hono } from 'hono';
import { requireRole } from './auth.middleware.js';
import * as z from 'zod';
import { parseBody } from './request-input.js';
import type { ServerEnv } from './server-env.js';

const KINDS = { actions: 'action', triggers: 'trigger', connectors: 'connector' } as const;

/** Body of `POST /modules/{slug}/actions/{action}/run`. */
export const RUN_ACTION_BODY = z.strictObject({
  arguments: z.record(z.string(), z.unknown()).describe('Arguments of the action (checked against its schema)').optional(),
  account: z.string().describe('Name of the module account (configuration) to run with').optional(),
  version: z.string().describe('Semver range of the module version (default: the active or highest)').optional(),
  timeout_ms: z.number().int().min(1).max(MAX_TIMEOUT_MS).describe(`Timeout of the run in milliseconds, 1 to ${MAX_TIMEOUT_MS}`).optional(),
});

function itemSummary(item: ModuleItem) {
  return { uuid: item.uuid, slug: item.slug, name: item.name, description: item.description, docker_parameters: item.docker };
}

function moduleSummary(module: LoadedModule, versions: string[]) {
  const { manifest } = module;
  return {
    slug: manifest.slug,
    uuid: manifest.uuid,
    name: manifest.name,
    description: manifest.description,
    version: manifest.version,
    versions,
    categories: manifest.categories,
    source: module.source,
    metadataOnly: module.entry === undefined,
    ...(module.engineMismatch ? { engineMismatch: module.engineMismatch } : {}),
    counts: Object.fromEntries(Object.entries(KINDS).map(([plural, kind]) => [plural, module.items.filter((item) => item.kind === kind).length])),
  };
}

/** Modules, their configuration schemas and their items' argument and result schemas (viewer); running an action (operator). */
export function modulesRoutes(): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.get('/', requireRole('viewer'), (c) => {
    const { ply, loadErrors } = c.get('runtime');
    const modules = ply.catalog.modules().map((module) => moduleSummary(module, ply.catalog.versions(module.manifest.slug).map((m) => m.manifest.version)));
    return c.json({ modules, loadErrors });
  });

  app.get('/:slug', requireRole('viewer'), (c) => {
    const { ply } = c.get('runtime');
    const module = ply.catalog.module(c.req.param('slug'), c.req.query('version'));
    const versions = ply.catalog.versions(module.manifest.slug).map((m) => m.manifest.version);
    return c.json({
      ...moduleSummary(module, versions),
      configuration: module.manifest.configuration,
      actions: module.items.filter((item) => item.kind === 'action').map(itemSummary),
      triggers: module.items.filter((item) => item.kind === 'trigger').map(itemSummary),
      connectors: module.items.filter((item) => item.kind === 'connector').map(itemSummary),
    });
  });

  app.get('/:slug/:kind/:item', requireRole('viewer'), (c) => {
    const kind = KINDS[c.req.param('kind') as keyof typeof KINDS];
    if (!kind) throw new PlyError('PLY_ROUTE_NOT_FOUND', `no route ${c.req.path}: use actions, triggers or connectors`);
    const { module, item } = c.get('runtime').ply.catalog.find(kind, `${c.req.param('slug')}.${c.req.param('item')}`, c.req.query('version'));
    return c.json({ module: { slug: module.manifest.slug, version: module.manifest.version }, kind, ...itemSummary(item), arguments: item.arguments, results: item.results });
  });

  app.post('/:slug/actions/:action/run', requireRole('operator'), async (c) => {
    const body = await parseBody(c, RUN_ACTION_BODY);
    const { ply, store } = c.get('runtime');
    const slug = c.req.param('slug');
    const account = body.account !== undefined ? await store.accounts.configurationForRun(slug, body.account) : undefined;
    const result = await ply.run({
      action: `${slug}.${c.req.param('action')}`,
      arguments: body.arguments ?? {},
      ...(account ? { configuration: account.configuration } : {}),
      ...(body.version !== undefined ? { version: body.version } : {}),
      ...(body.timeout_ms !== undefined ? { timeoutMs: body.timeout_ms } : {}),
      signal: c.req.raw.signal,
    });
    return c.json(result);
  });

  return app;
}
