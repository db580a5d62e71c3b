import { checkModuleConfiguration, secretKeysOf } from '@ply/core';
import { Hono } from 'hono';
import type { Runtime } from './runtime.js';
import { checkAccount } from './account-check.js';
import { requireRole } from './auth.middleware.js';
import * as z from 'zod';
import { parseBody } from './request-input.js';
import type { ServerEnv } from './server-env.js';

/** Body of `POST /accounts`. */
export const CREATE_ACCOUNT_BODY = z.strictObject({
  module: z.string().describe('Module slug'),
  name: z.string().describe('Account name, unique per module'),
  configuration: z.record(z.string(), z.unknown()).describe('The module configuration, secrets included (write-only: responses show { set: true })'),
});

/** Body of `PATCH /accounts/{id}`. */
export const UPDATE_ACCOUNT_BODY = z.strictObject({
  name: z.string().describe('New name').optional(),
  configuration: z
    .record(z.string(), z.unknown())
    .describe('Replaces the non-secret keys; secret keys left out or sent back as { set: true } are kept, secret keys set to null are removed')
    .optional(),
});

/**
 * The secret keys of a module's configuration (its manifest's `secrets`), and the check of a whole
 * configuration against the module's schema; the module must exist.
 */
function configurationOf(runtime: Runtime, slug: string): { secretKeys: string[]; check: (configuration: Record<string, unknown>) => void } {
  const module = runtime.ply.catalog.module(slug);
  return { secretKeys: secretKeysOf(module.manifest.configuration), check: (configuration) => checkModuleConfiguration(runtime.ply.schemas, module, configuration) };
}

/** Named module configurations: read by viewers (secrets as `{ set: true }`), written by admins. */
export function accountsRoutes(): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.get('/', requireRole('viewer'), async (c) => c.json({ accounts: await c.get('runtime').store.accounts.list(c.req.query('module')) }));

  app.get('/:id', requireRole('viewer'), async (c) => c.json(await c.get('runtime').store.accounts.get(c.req.param('id'))));

  app.post('/', requireRole('admin'), async (c) => {
    const body = await parseBody(c, CREATE_ACCOUNT_BODY);
    const runtime = c.get('runtime');
    const account = await runtime.store.accounts.create({ module: body.module, name: body.name, configuration: body.configuration, ...configurationOf(runtime, body.module) });
    return c.json(account, 201);
  });

  app.patch('/:id', requireRole('admin'), async (c) => {
    const body = await parseBody(c, UPDATE_ACCOUNT_BODY);
    const runtime = c.get('runtime');
    const existing = await runtime.store.accounts.get(c.req.param('id'));
    const account = await runtime.store.accounts.update(existing.id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.configuration ? { configuration: body.configuration } : {}),
      ...configurationOf(runtime, existing.module),
    });
    return c.json(account);
  });

  // Operators may check: the module's validation request is a run of the account, like an action's.
  app.post('/:id/check', requireRole('operator'), async (c) => c.json(await checkAccount(c.get('runtime'), c.req.param('id'))));

  app.delete('/:id', requireRole('admin'), async (c) => {
    const runtime = c.get('runtime');
    const existing = await runtime.store.accounts.get(c.req.param('id'));
    await runtime.store.accounts.delete(existing.id);
    return c.body(null, 204);
  });

  return app;
}
