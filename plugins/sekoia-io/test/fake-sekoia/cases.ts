// Part of the fake Sekoia.io API, after its published reference: https://docs.sekoia.io/xdr/develop/rest_api/ (Cases).
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { checkedBody, type Rules } from './body-checks.js';
import { paginate } from './paginate.js';
import type { FakeSekoiaState, Json } from './state.js';

const notFound = (what: string, id: string) => ({ message: `${what} ${id} not found` });

/** The writable fields of a case (`POST` and `PATCH api/v1/sic/cases`). */
const caseRules: Rules = {
  title: { type: 'string' },
  description: { type: 'string' },
  status_uuid: { type: 'string' },
  priority: { type: 'string', enum: ['low', 'medium', 'high'] },
  tags: { type: 'array', items: 'string' },
  subscribers: { type: 'array', items: 'object' },
  community_uuid: { type: 'string' },
  verdict_uuid: { type: 'string' },
  custom_status_uuid: { type: 'string' },
  custom_priority_uuid: { type: 'string' },
};

/** `api/v1/sic/cases...`, as the reference's manifests document the requests and answers. */
export function caseRoutes(state: FakeSekoiaState): Hono {
  const app = new Hono();

  app.post('/cases', async (c) => {
    const checked = await checkedBody(c, caseRules, ['title']);
    if ('refusal' in checked) return checked.refusal;
    const now = new Date().toISOString();
    const created: Json = {
      uuid: randomUUID(),
      short_id: `CA${randomUUID().slice(0, 8)}`,
      created_at: now,
      created_by: 'c110d686-0b45-4ae7-b917-f15486d0f8c7',
      created_by_type: 'apikey',
      updated_at: now,
      description: null,
      priority: 'medium',
      status: 'opened',
      status_uuid: '210e3788-1f95-4e04-accf-a48134f97413',
      community_uuid: 'c766cfab-a604-41c5-b95b-c7cc467f7fc4',
      subscribers: [],
      tags: [],
      number_of_comments: 0,
      number_of_alerts: 0,
      alerts: [],
      manual: true,
      verdict_uuid: null,
      verdict: null,
      custom_status_uuid: null,
      custom_priority_uuid: null,
      custom_priority: null,
      first_seen_at: null,
      last_seen_at: null,
      ...checked.body,
    };
    state.cases.set(String(created['uuid']), created);
    return c.json(created);
  });

  app.get('/cases', (c) => {
    const status = c.req.query('match[status_name]');
    const items = [...state.cases.values()].filter((found) => status === undefined || found['status'] === status);
    return c.json(paginate(c, items));
  });

  app.get('/cases/:uuid', (c) => {
    const found = state.case(c.req.param('uuid'));
    if (!found) return c.json(notFound('Case', c.req.param('uuid')), 404);
    const community = c.req.query('community_uuid');
    if (community !== undefined && found['community_uuid'] !== community) return c.json(notFound('Case', c.req.param('uuid')), 404);
    return c.json(found);
  });

  app.patch('/cases/:uuid', async (c) => {
    const found = state.case(c.req.param('uuid'));
    if (!found) return c.json(notFound('Case', c.req.param('uuid')), 404);
    const { community_uuid: _readOnly, ...editable } = caseRules;
    const checked = await checkedBody(c, editable);
    if ('refusal' in checked) return checked.refusal;
    Object.assign(found, checked.body, { updated_at: new Date().toISOString() });
    return c.json(found);
  });

  app.delete('/cases/:uuid', (c) => {
    const found = state.case(c.req.param('uuid'));
    if (!found) return c.json(notFound('Case', c.req.param('uuid')), 404);
    state.cases.delete(String(found['uuid']));
    return c.body(null, 204);
  });

  app.patch('/cases/:uuid/alerts', async (c) => {
    const found = state.case(c.req.param('uuid'));
    if (!found) return c.json(notFound('Case', c.req.param('uuid')), 404);
    const checked = await checkedBody(c, { alerts: { type: 'array', items: 'string' } }, ['alerts']);
    if ('refusal' in checked) return checked.refusal;
    const alerts = checked.body['alerts'] as string[];
    const unknown = alerts.find((alert) => !state.alert(alert));
    if (unknown) return c.json(notFound('Alert', unknown), 404);
    found['alerts'] = [...((found['alerts'] as Json[] | undefined) ?? []), ...alerts.map((alert) => state.alert(alert)!)];
    return c.json({ status: 'updated' });
  });

  app.post('/cases/:uuid/comments', async (c) => {
    const found = state.case(c.req.param('uuid'));
    if (!found) return c.json(notFound('Case', c.req.param('uuid')), 404);
    const checked = await checkedBody(c, { content: { type: 'string' } }, ['content']);
    if ('refusal' in checked) return checked.refusal;
    const now = new Date().toISOString();
    const comment = { uuid: randomUUID(), content: checked.body['content'], created_at: now, created_by: 'c110d686-0b45-4ae7-b917-f15486d0f8c7', created_by_type: 'apikey', updated_at: now };
    state.caseComments.set(String(found['uuid']), [...(state.caseComments.get(String(found['uuid'])) ?? []), comment]);
    return c.json(comment);
  });

  app.get('/cases/:uuid/comments', (c) => {
    const found = state.case(c.req.param('uuid'));
    if (!found) return c.json(notFound('Case', c.req.param('uuid')), 404);
    const { items, total } = paginate(c, state.caseComments.get(String(found['uuid'])) ?? []);
    return c.json({ items, total });
  });

  app.post('/cases/:uuid/events', async (c) => {
    const found = state.case(c.req.param('uuid'));
    if (!found) return c.json(notFound('Case', c.req.param('uuid')), 404);
    const checked = await checkedBody(c, { event_ids: { type: 'array', items: 'string' } }, ['event_ids']);
    if ('refusal' in checked) return checked.refusal;
    state.caseEvents.set(String(found['uuid']), [...(state.caseEvents.get(String(found['uuid'])) ?? []), ...(checked.body['event_ids'] as string[])]);
    return c.body(null, 204);
  });

  app.delete('/cases/:uuid/events/:event', (c) => {
    const found = state.case(c.req.param('uuid'));
    if (!found) return c.json(notFound('Case', c.req.param('uuid')), 404);
    const events = state.caseEvents.get(String(found['uuid'])) ?? [];
    if (!events.includes(c.req.param('event'))) return c.json(notFound('Event', c.req.param('event')), 404);
    state.caseEvents.set(String(found['uuid']), events.filter((event) => event !== c.req.param('event')));
    return c.body(null, 204);
  });

  return app;
}
