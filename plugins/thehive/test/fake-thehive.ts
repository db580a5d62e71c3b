import { faultInjection } from '@ply/kit/testing';
import { Hono, type Context } from 'hono';

/** A failure the fake answers instead of handling the next request. */

/** What the fake saw of one request. */
export interface ReceivedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  organisation: string | undefined;
  body: Record<string, unknown> | undefined;
}

const DATA_TYPES = new Set(['ip', 'domain', 'fqdn', 'url', 'hash', 'mail', 'filename', 'hostname', 'user-agent', 'other']);
const REQUIRED_ALERT_FIELDS = ['type', 'source', 'sourceRef', 'title', 'description'];

/**
 * A fake of TheHive 5's alert API (https://docs.strangebee.com/thehive/api-docs/):
 * - `Authorization: Bearer <key>`: an unknown key answers 401 `AuthenticationError`; the
 *   `readOnlyKey` may read but not write (403 `AuthorizationError`);
 * - `POST /api/v1/alert` creates an `OutputAlert` (`_id` like `~4096`), 400 `AttributeCheckingError`
 *   for a missing required attribute, 400 `CreateError` "Alert already exists" for a second alert
 *   with the same type, source and sourceRef;
 * - `POST /api/v1/alert/{id}/observable` answers the list of created observables, 400 for an
 *   unknown data type or an observable the alert already has, 404 for an unknown alert;
 * - `GET /api/v1/alert/{id}`, 404 `NotFoundError` for an unknown alert.
 * `failNext` queues 429/5xx answers; `delayNextMs` makes the next answer slow.
 */
export function fakeTheHive(apiKey: string, readOnlyKey: string) {
  const received: ReceivedRequest[] = [];
  const faults = faultInjection();
  const state = { nextId: 4096 };
  const alerts = new Map<string, Record<string, unknown>>();
  const observables = new Map<string, Array<Record<string, unknown>>>();
  const app = new Hono();

  const error = (c: Context, status: 400 | 401 | 403 | 404, type: string, message: string) => c.json({ type, message }, status);

  app.use('/api/v1/*', faults.middleware((c, failure) => c.json({ type: 'InternalError', message: `injected failure ${failure.status}` }, failure.status)));
  app.use('/api/v1/*', async (c, next) => {
    const body = c.req.method === 'POST' ? ((await c.req.json()) as Record<string, unknown>) : undefined;
    received.push({ method: c.req.method, path: c.req.path, authorization: c.req.header('authorization'), organisation: c.req.header('x-organisation'), body });
    const authorization = c.req.header('authorization');
    if (authorization === `Bearer ${readOnlyKey}`) {
      if (c.req.method !== 'GET') return error(c, 403, 'AuthorizationError', 'Your are not authorized to manageAlert/create');
    } else if (authorization !== `Bearer ${apiKey}`) {
      return error(c, 401, 'AuthenticationError', 'Authentication failure');
    }
    return next();
  });

  app.post('/api/v1/alert', async (c) => {
    const body = (await c.req.json()) as Record<string, unknown>;
    const missing = REQUIRED_ALERT_FIELDS.find((key) => typeof body[key] !== 'string' || body[key] === '');
    if (missing) return error(c, 400, 'AttributeCheckingError', `Attribute ${missing} is missing`);
    const duplicate = [...alerts.values()].some((a) => a['type'] === body['type'] && a['source'] === body['source'] && a['sourceRef'] === body['sourceRef']);
    if (duplicate) return error(c, 400, 'CreateError', 'Alert already exists');
    const id = `~${state.nextId++}`;
    const { observables: inputObservables = [], ...fields } = body as { observables?: Array<Record<string, unknown>> };
    const alert = {
      _id: id,
      _type: 'Alert',
      _createdBy: 'soc@thehive.local',
      _createdAt: Date.now(),
      severity: 2,
      tlp: 2,
      pap: 2,
      date: Date.now(),
      tags: [],
      follow: true,
      status: 'New',
      stage: 'New',
      ...fields,
      observableCount: inputObservables.length,
    };
    alerts.set(id, alert);
    observables.set(id, inputObservables.map((o) => outputObservable(o)));
    return c.json(alert, 201);
  });

  app.post('/api/v1/alert/:id/observable', async (c) => {
    const alert = alerts.get(c.req.param('id'));
    if (!alert) return error(c, 404, 'NotFoundError', `Alert ${c.req.param('id')} not found`);
    const body = (await c.req.json()) as Record<string, unknown>;
    if (!DATA_TYPES.has(body['dataType'] as string)) return error(c, 400, 'BadRequest', `Observable dataType ${String(body['dataType'])} does not exist`);
    const existing = observables.get(c.req.param('id'))!;
    if (existing.some((o) => o['dataType'] === body['dataType'] && o['data'] === body['data'])) return error(c, 400, 'CreateError', 'Observable already exists');
    const created = outputObservable(body);
    existing.push(created);
    alert['observableCount'] = existing.length;
    return c.json([created], 201);
  });

  app.get('/api/v1/alert/:id', (c) => {
    const alert = alerts.get(c.req.param('id'));
    return alert ? c.json(alert) : error(c, 404, 'NotFoundError', `Alert ${c.req.param('id')} not found`);
  });

  let observableId = 8192;
  function outputObservable(input: Record<string, unknown>): Record<string, unknown> {
    return { _id: `~${observableId++}`, _type: 'Observable', _createdBy: 'soc@thehive.local', _createdAt: Date.now(), tlp: 2, pap: 2, ioc: false, sighted: false, tags: [], ...input };
  }

  return { app, received, failNext: faults.failNext, state, faults, alerts };
}

