import { Hono } from 'hono';
import { alertRoutes } from './alerts.js';
import { assetRoutes } from './assets.js';
import { bearerAuth } from './auth.js';
import { FaultSwitches } from './faults.js';
import { intakeRoutes } from './intake.js';
import { searchJobRoutes } from './search-jobs.js';
import { FakeSekoiaState } from './state.js';

/**
 * A fake Sekoia.io: the REST API under `/api/...` (Bearer `apiKey`, 401 otherwise) and the
 * intake's `/batch` (no auth), over one in-memory state, behind fault switches.
 */
export function fakeSekoia(apiKey: string) {
  const state = new FakeSekoiaState();
  const faults = new FaultSwitches();
  const app = new Hono();
  app.use('*', async (c, next) => {
    const body = c.req.method === 'GET' || c.req.method === 'DELETE' ? undefined : await c.req.raw.clone().text();
    state.requests.push({
      method: c.req.method,
      url: c.req.url.replace(/^https?:\/\/[^/]+/, ''),
      authorization: c.req.header('authorization'),
      ...(body ? { body: JSON.parse(body) as unknown } : {}),
    });
    await next();
  });
  app.use('*', faults.middleware());
  app.route('/', intakeRoutes(state));
  app.use('/api/*', bearerAuth(apiKey));
  app.get('/api/v1/me', (c) => c.json({ uuid: 'apikey-1', type: 'apikey' }));
  const assets = assetRoutes(state);
  app.route('/api/v1/sic/conf/events/search/jobs', searchJobRoutes(state));
  app.route('/api/v1/sic', alertRoutes(state));
  app.route('/api/v1/asset-management', assets.v1);
  app.route('/api/v2/asset-management', assets.v2);
  app.notFound((c) => c.json({ message: 'Not Found' }, 404));
  return { app, state, faults };
}
