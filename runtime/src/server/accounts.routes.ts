import { Hono } from 'hono';
import type { Runtime } from './runtime.js';
import { requireRole } from './auth.middleware.js';
import { checkedBody, type BodySpec } from './request-input.js';
import type { ServerEnv } from './server-env.js';

/** Body of `POST /accounts`. */
export const CREATE_ACCOUNT_BODY: BodySpec = {
  module: { type: 'string', required: true, description: 'Module slug' },
  name: { type: 'string', required: true, description: 'Account name, unique per module' },
  configuration: { type: 'object', required: true, description: "The module configuration, secrets included (write-only: responses show { set: true })" },
};

/** Body of `PATCH /accounts/{id}`. */
export const UPDATE_ACCOUNT_BODY: BodySpec = {
  name: { type: 'string', description: 'New name' },
  configuration: { type: 'object', description: 'Replaces the non-secret keys; secret keys left out are kept, secret keys set to null are removed' },
};

/** The secret keys of a module's configuration (its manifest's `secrets`); checks the module exists. */
function secretKeysOf(runtime: Runtime, module: string): string[] {
  const secrets = runtime.ply.catalog.module(module).manifest.configuration['secrets'];
  return Array.isArray(secrets) ? secrets.filter((key): key is string => typeof key === 'string') : [];
}

/** Named module configurations: read by viewers (secrets as `{ set: true }`), written by admins. */
export function accountsRoutes(): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.get('/', requireRole('viewer'), (c) => c.json({ accounts: c.get('runtime').store.accounts.list(c.req.query('module')) }));

  app.get('/:id', requireRole('viewer'), (c) => c.json(c.get('runtime').store.accounts.get(c.req.param('id'))));

  app.post('/', requireRole('admin'), async (c) => {
    const body = await checkedBody(c, CREATE_ACCOUNT_BODY);
    const runtime = c.get('runtime');
    const module = body['module'] as string;
    const account = runtime.store.accounts.create({ module, name: body['name'] as string, configuration: body['configuration'] as Record<string, unknown>, secretKeys: secretKeysOf(runtime, module) });
    return c.json(account, 201);
  });

  app.patch('/:id', requireRole('admin'), async (c) => {
    const body = await checkedBody(c, UPDATE_ACCOUNT_BODY);
    const runtime = c.get('runtime');
    const existing = runtime.store.accounts.get(c.req.param('id'));
    const account = runtime.store.accounts.update(existing.id, {
      ...(typeof body['name'] === 'string' ? { name: body['name'] } : {}),
      ...(body['configuration'] ? { configuration: body['configuration'] as Record<string, unknown> } : {}),
      secretKeys: secretKeysOf(runtime, existing.module),
    });
    return c.json(account);
  });

  app.delete('/:id', requireRole('admin'), (c) => {
    const runtime = c.get('runtime');
    const existing = runtime.store.accounts.get(c.req.param('id'));
    runtime.store.accounts.delete(existing.id);
    return c.body(null, 204);
  });

  return app;
}
