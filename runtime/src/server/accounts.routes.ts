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
  configuration: z.record(z.string(), z.unknown()).describe('Replaces the non-secret keys; secret keys left out are kept, secret keys set to null are removed').optional(),
});

/** The secret keys of a module's configuration (its manifest's `secrets`); checks the module exists. */
function secretKeysOf(runtime: Runtime, module: string): string[] {
  const secrets = runtime.ply.catalog.module(module).manifest.configuration['secrets'];
  return Array.isArray(secrets) ? secrets.filter((key): key is string => typeof key === 'string') : [];
}

/** Named module configurations: read by viewers (secrets as `{ set: true }`), written by admins. */
export function accountsRoutes(): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.get('/', requireRole('viewer'), async (c) => c.json({ accounts: await c.get('runtime').store.accounts.list(c.req.query('module')) }));

  app.get('/:id', requireRole('viewer'), async (c) => c.json(await c.get('runtime').store.accounts.get(c.req.param('id'))));

  app.post('/', requireRole('admin'), async (c) => {
    const body = await parseBody(c, CREATE_ACCOUNT_BODY);
    const runtime = c.get('runtime');
    const account = await runtime.store.accounts.create({ module: body.module, name: body.name, configuration: body.configuration, secretKeys: secretKeysOf(runtime, body.module) });
    return c.json(account, 201);
  });

  app.patch('/:id', requireRole('admin'), async (c) => {
    const body = await parseBody(c, UPDATE_ACCOUNT_BODY);
    const runtime = c.get('runtime');
    const existing = await runtime.store.accounts.get(c.req.param('id'));
    const account = await runtime.store.accounts.update(existing.id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.configuration ? { configuration: body.configuration } : {}),
      secretKeys: secretKeysOf(runtime, existing.module),
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
