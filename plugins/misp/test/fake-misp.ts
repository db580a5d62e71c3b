/**
 * A fake MISP server after the MISP project's published REST API (https://www.misp-project.org/openapi/):
 * `Authorization: <key>` and `Accept: application/json` on every call, 403 with MISP's
 * `{name, message, url}` body for a bad key, `POST /events/add` (`{"Event": {...}}`, `info`
 * required: a 403 with the validation `errors` as MISP answers), `POST /events/publish/{id}`,
 * `GET /events/view/{id}` (404 `Invalid event`), `POST /events/restSearch` (`returnFormat`,
 * `publish_timestamp`, `page`, `limit` → `{"response": [{"Event": ...}]}`).
 * Test switches: `failNext` (that many 500s), `faults` (429 with `Retry-After`, 5xx, a slow answer,
 * connections dropped mid-answer), `malformed` (an HTML page as MISP's front proxy serves it, or
 * JSON without the event), `lose` (an event added then deleted by someone else before it is
 * published), `echoKey` (a 403 quoting the key raw and URL-encoded, and in a header).
 */
import { Hono, type Context } from 'hono';
import { faultInjection } from '@ply/kit/testing';

export interface FakeEvent {
  id: string;
  uuid: string;
  info: string;
  published: boolean;
  publish_timestamp: string;
  Attribute: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

export function fakeMisp(apiKey: string) {
  const faults = faultInjection();
  const state = { events: [] as FakeEvent[], searches: [] as Array<Record<string, unknown>>, failNext: 0, malformed: false as false | 'html' | 'json', lose: false, echoKey: false };
  const app = new Hono();
  const refuse = (c: Context, status: 403 | 404 | 405 | 429 | 500 | 502 | 503 | 504, name: string) => c.json({ name, message: name, url: new URL(c.req.url).pathname }, status);
  app.use('*', faults.middleware((c, failure) => refuse(c, failure.status, failure.status === 429 ? 'Rate limit exceeded.' : 'An Internal Error Has Occurred.')));
  app.use('*', async (c, next) => {
    if (state.echoKey) {
      // A misbehaving proxy in front of MISP quoting what it received, every way it can.
      const key = c.req.header('authorization') ?? '';
      c.header('X-Received-Authorization', key);
      return refuse(c, 403, `Authentication failed for ${key} (${encodeURIComponent(key)})`);
    }
    if (state.malformed === 'html') return c.text('<html><body>502 Bad Gateway</body></html>', 200, { 'content-type': 'application/json' });
    if (state.malformed === 'json') return c.json({ saved: true });
    if (state.failNext > 0) {
      state.failNext -= 1;
      return c.json({ name: 'An Internal Error Has Occurred.', message: 'An Internal Error Has Occurred.', url: new URL(c.req.url).pathname }, 500);
    }
    if (c.req.header('authorization') !== apiKey) return refuse(c, 403, 'Authentication failed. Please make sure you pass the API key of an API enabled user along in the Authorization header.');
    if (c.req.header('accept') !== 'application/json') return refuse(c, 405, 'Only JSON is accepted');
    return next();
  });
  app.post('/events/add', async (c) => {
    const body = (await c.req.json()) as { Event?: Record<string, unknown> };
    const event: Record<string, unknown> = body.Event ?? body;
    if (typeof event['info'] !== 'string' || event['info'] === '') return c.json({ name: 'Could not add Event', message: 'Could not add Event', url: '/events/add', errors: { Event: { info: ['Info cannot be empty.'] } } }, 403);
    const id = String(state.events.length + 1);
    const stored: FakeEvent = { ...event, id, uuid: typeof event['uuid'] === 'string' ? event['uuid'] : crypto.randomUUID(), info: event['info'], published: false, publish_timestamp: '0', Attribute: (event['Attribute'] as FakeEvent['Attribute'] | undefined) ?? [] };
    if (!state.lose) state.events.push(stored);
    return c.json({ Event: stored });
  });
  app.post('/events/publish/:id', (c) => {
    const event = state.events.find((e) => e.id === c.req.param('id'));
    if (!event) return refuse(c, 404, 'Invalid event');
    event.published = true;
    event.publish_timestamp = String(Math.floor(Date.now() / 1000));
    return c.json({ saved: true, success: true, name: 'Job queued', message: 'Job queued', url: `/events/publish/${event.id}`, id: event.id });
  });
  app.get('/events/view/:id', (c) => {
    const event = state.events.find((e) => e.id === c.req.param('id'));
    return event ? c.json({ Event: event }) : refuse(c, 404, 'Invalid event');
  });
  app.post('/events/restSearch', async (c) => {
    const body = (await c.req.json()) as Record<string, unknown>;
    state.searches.push(body);
    if (body['returnFormat'] !== 'json') return refuse(c, 405, 'returnFormat must be json');
    const since = Number(body['publish_timestamp'] ?? 0);
    const limit = Number(body['limit'] ?? 0);
    const page = Number(body['page'] ?? 1);
    const found = state.events.filter((e) => e.published && Number(e.publish_timestamp) >= since);
    const slice = limit > 0 ? found.slice((page - 1) * limit, page * limit) : found;
    return c.json({ response: slice.map((Event) => ({ Event })) });
  });
  return { app, state, faults };
}
