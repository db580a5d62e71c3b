import { faultInjection } from '@ply/kit/testing';
import { Hono } from 'hono';
import { graphDispatcher } from './graph.js';
import { graphError } from './odata.js';
import { FakeTenantState } from './state.js';
import { tokenRoutes, type TenantCredentials } from './token.js';

/**
 * A fake Microsoft Entra tenant on one server: the identity platform's token endpoint
 * (`/{tenant}/oauth2/v2.0/token`, see token.ts) and Microsoft Graph v1.0 (`/v1.0/...`, see graph.ts),
 * so that `authority_host` and `graph_url` both point at it. Throttling and outages answer as Graph
 * documents them (https://learn.microsoft.com/en-us/graph/throttling: 429 with `Retry-After` and
 * `TooManyRequests`; 503 `serviceNotAvailable`).
 */
export function fakeEntra(tenant: TenantCredentials) {
  const state = new FakeTenantState();
  const faults = faultInjection();
  let origin = '';
  const app = new Hono();
  app.use('*', async (c, next) => {
    origin = new URL(c.req.url).origin;
    const url = new URL(c.req.url);
    state.requests.push({ method: c.req.method, path: url.pathname, query: url.searchParams, headers: Object.fromEntries(c.req.raw.headers), body: c.req.method === 'GET' ? '' : await c.req.raw.clone().text() });
    await next();
  });
  app.use('/v1.0/*', faults.middleware((c, failure) => (failure.status === 429 ? graphError(c, 429, 'TooManyRequests', 'Too many requests.') : graphError(c, failure.status, 'serviceNotAvailable', 'The service is temporarily unavailable.'))));
  app.route('/', tokenRoutes(state, tenant, () => origin));
  app.all('/v1.0/*', graphDispatcher(state));
  return { app, state, faults };
}
