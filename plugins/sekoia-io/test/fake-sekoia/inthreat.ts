// Part of the fake Sekoia.io API, after its published reference: https://docs.sekoia.io/cti/develop/rest_api/ (Intelligence Center).
import { Hono } from 'hono';
import { checkedBody } from './body-checks.js';
import type { FakeSekoiaState, Json } from './state.js';

const FORMATS = ['ipv4-addr.value', 'ipv6-addr.value', 'domain-name.value', 'url.value', 'email-addr.value', 'file.hashes'];

/** `api/v2/inthreat/...`: object search, feeds by cursor, objects by id, IOC collections, observables. */
export function inthreatRoutes(state: FakeSekoiaState): Hono {
  const app = new Hono();

  app.post('/objects/search', async (c) => {
    const term = c.req.query('term');
    if (!term) return c.json({ message: 'term: Missing data for required field.' }, 400);
    const sort = c.req.query('sort') ?? 'pertinence';
    if (!['pertinence', 'modified', 'created'].includes(sort)) return c.json({ message: `sort: Must be one of: pertinence, modified, created.` }, 400);
    const items = [...state.intelObjects.values()].filter((object) => JSON.stringify(object).toLowerCase().includes(term.toLowerCase()));
    return c.json({ items, has_more: false });
  });

  app.get('/objects', (c) => {
    const ids = (c.req.query('match[id]') ?? '').split(',').filter(Boolean);
    return c.json({ items: ids.map((id) => state.intelObjects.get(id)).filter(Boolean), has_more: false });
  });

  app.get('/collections/:feed/objects', (c) => {
    const objects = state.feeds.get(c.req.param('feed'));
    if (!objects) return c.json({ message: `Collection ${c.req.param('feed')} not found` }, 404);
    const limit = Number(c.req.query('limit') ?? 200);
    const start = Number(c.req.query('cursor') ?? 0);
    const includeRevoked = c.req.query('include_revoked') === 'true';
    const indicatorsOnly = c.req.query('match[type]') === 'indicator';
    const page = objects.slice(start, start + limit).filter((object) => (includeRevoked || !object['revoked']) && (!indicatorsOnly || object['type'] === 'indicator'));
    const end = Math.min(start + limit, objects.length);
    // The cursor stays at the end once everything was read: new objects come after it.
    return c.json({ items: page, next_cursor: String(end) });
  });

  app.post('/ioc-collections/:id/indicators/text', async (c) => {
    const collection = state.iocCollections.get(c.req.param('id'));
    if (!collection) return c.json({ message: `IOC collection ${c.req.param('id')} not found` }, 404);
    const checked = await checkedBody(c, { format: { type: 'string', enum: FORMATS }, indicators: { type: 'string' }, valid_until: { type: 'string' } }, ['format', 'indicators']);
    if ('refusal' in checked) return checked.refusal;
    const validUntil = checked.body['valid_until'] as string | undefined;
    if (validUntil !== undefined && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(validUntil)) return c.json({ message: 'valid_until: Not a valid datetime.' }, 400);
    const values = String(checked.body['indicators']).split('\n').filter(Boolean);
    collection.push(...values.map((value) => ({ format: String(checked.body['format']), value, ...(validUntil ? { valid_until: validUntil } : {}) })));
    return c.json({ created: values.length, updated: 0, ignored: 0 });
  });

  app.post('/observables/bulk', async (c) => {
    const checked = await checkedBody(c, { data: { type: 'array' } }, ['data']);
    if ('refusal' in checked) return checked.refusal;
    state.observables.push(...(checked.body['data'] as Json[]));
    return c.json({ data: checked.body['data'] }, 201);
  });

  return app;
}
