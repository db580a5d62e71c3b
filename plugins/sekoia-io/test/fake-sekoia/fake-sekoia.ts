import { Hono } from 'hono';
import { alertRoutes } from './alerts.js';
import { assetRoutes } from './assets.js';
import { bearerAuth } from './auth.js';
import { caseRoutes } from './cases.js';
import { FaultSwitches } from './faults.js';
import { intakeRoutes } from './intake.js';
import { inthreatRoutes } from './inthreat.js';
import { searchJobRoutes } from './search-jobs.js';
import { FakeSekoiaState } from './state.js';
import { workspaceRoutes } from './workspace.js';

/**
 * A fake Sekoia.io, following the API as the reference module's OpenAPI-generated manifests
 * describe it (SEKOIA-IO/automation-library `Sekoia.io/action_*.json`: paths, `in` markers,
 * argument types and enums, results) and its test fixtures: the REST API under `/api/...`
 * (Bearer key, 401 `{message, code}` otherwise; unknown body fields, wrong types and values out
 * of their enum or bounds refused with 400; 404 naming what is missing), and the intake's `/batch`.
 * Answers are the API's own shapes (a v2 asset's category is an object), never the request echoed.
 */
export function fakeSekoia(apiKey: string) {
  const state = new FakeSekoiaState();
  const faults = new FaultSwitches();
  const app = new Hono();
  app.use('*', async (c, next) => {
    const body = c.req.method === 'GET' || c.req.method === 'DELETE' ? undefined : await c.req.raw.clone().text();
    let parsed: unknown = body;
    try {
      parsed = body ? JSON.parse(body) : undefined;
    } catch {
      // Kept as text: the route answers the malformed body.
    }
    state.requests.push({ method: c.req.method, url: c.req.url.replace(/^https?:\/\/[^/]+/, ''), authorization: c.req.header('authorization'), ...(parsed !== undefined ? { body: parsed } : {}) });
    await next();
  });
  app.use('*', faults.middleware());
  app.route('/', intakeRoutes(state));
  app.use('/api/*', bearerAuth(apiKey));
  app.get('/api/v1/me', (c) => c.json({ uuid: 'c110d686-0b45-4ae7-b917-f15486d0f8c7', type: 'apikey' }));
  const assets = assetRoutes(state);
  app.route('/api/v1/sic/conf/events/search/jobs', searchJobRoutes(state));
  app.route('/api/v1/sic', alertRoutes(state));
  app.route('/api/v1/sic', caseRoutes(state));
  app.route('/api/v1', workspaceRoutes(state));
  app.route('/api/v1/asset-management', assets.v1);
  app.route('/api/v2/asset-management', assets.v2);
  app.route('/api/v2/inthreat', inthreatRoutes(state));
  app.notFound((c) => c.json({ message: 'Not Found' }, 404));
  return { app, state, faults };
}
