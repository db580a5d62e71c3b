import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { paginate } from './paginate.js';
import { WORKFLOW, type FakeSekoiaState, type Json } from './state.js';

const notFound = (what: string, id: string) => ({ message: `${what} ${id} not found` });

/** `api/v1/sic/alerts...` and `api/v1/sic/cases/{uuid}/alerts`, as documented for the Sekoia.io API. */
export function alertRoutes(state: FakeSekoiaState): Hono {
  const app = new Hono();

  app.get('/alerts', (c) => {
    const query = c.req.query();
    const filters = Object.entries(query).filter(([key]) => key.startsWith('match['));
    const matching = [...state.alerts.values()].filter((alert) =>
      filters.every(([key, value]) => {
        const field = key.slice('match['.length, -1);
        if (field === 'status_name') return (alert['status'] as Json | undefined)?.['name'] === value;
        if (field === 'rule_name') return (alert['rule'] as Json | undefined)?.['name'] === value;
        return String(alert[field] ?? '') === value;
      }),
    );
    return c.json(paginate(c, matching));
  });

  app.get('/alerts/:uuid', (c) => {
    const alert = state.alert(c.req.param('uuid'));
    return alert ? c.json(alert) : c.json(notFound('Alert', c.req.param('uuid')), 404);
  });

  app.patch('/alerts/:uuid', async (c) => {
    const alert = state.alert(c.req.param('uuid'));
    if (!alert) return c.json(notFound('Alert', c.req.param('uuid')), 404);
    const body = (await c.req.json()) as Json;
    for (const key of ['details', 'title', 'kill_chain_short_id'] as const) if (key in body) alert[key] = body[key];
    if ('urgency' in body) alert['urgency'] = { ...(alert['urgency'] as Json), current_value: body['urgency'], value: body['urgency'] };
    if ('alert_type_category' in body || 'alert_type_value' in body) {
      alert['alert_type'] = { category: body['alert_type_category'], value: body['alert_type_value'] };
    }
    alert['updated_at'] = Math.floor(Date.now() / 1000);
    return c.json(alert);
  });

  app.post('/alerts/:uuid/comments', async (c) => {
    const alert = state.alert(c.req.param('uuid'));
    if (!alert) return c.json(notFound('Alert', c.req.param('uuid')), 404);
    const body = (await c.req.json()) as Json;
    if (typeof body['content'] !== 'string') return c.json({ message: 'content is required' }, 400);
    const comment = {
      uuid: randomUUID(),
      content: body['content'],
      author: (body['author'] as string | undefined) ?? 'api',
      date: Math.floor(Date.now() / 1000),
      created_by: 'apikey-1',
      created_by_type: 'apikey',
      unseen: true,
    };
    state.comments.set(String(alert['uuid']), [...(state.comments.get(String(alert['uuid'])) ?? []), comment]);
    return c.json(comment);
  });

  app.get('/alerts/:uuid/comments/:comment', (c) => {
    const alert = state.alert(c.req.param('uuid'));
    if (!alert) return c.json(notFound('Alert', c.req.param('uuid')), 404);
    const comment = (state.comments.get(String(alert['uuid'])) ?? []).find((item) => item['uuid'] === c.req.param('comment'));
    return comment ? c.json(comment) : c.json(notFound('Comment', c.req.param('comment')), 404);
  });

  app.patch('/alerts/:uuid/workflow', async (c) => {
    const alert = state.alert(c.req.param('uuid'));
    if (!alert) return c.json(notFound('Alert', c.req.param('uuid')), 404);
    const body = (await c.req.json()) as Json;
    const target = WORKFLOW[String(body['action_uuid'])];
    if (!target) return c.json({ message: `Unknown action ${String(body['action_uuid'])}` }, 400);
    alert['status'] = { uuid: target.uuid, name: target.name, description: `The alert is ${target.name.toLowerCase()}` };
    if (typeof body['comment'] === 'string') state.comments.set(String(alert['uuid']), [...(state.comments.get(String(alert['uuid'])) ?? []), { content: body['comment'] }]);
    const actions = Object.values(WORKFLOW)
      .filter((action) => action.uuid !== target.uuid)
      .map((action) => ({ id: action.uuid, name: action.name, description: `Move the alert to ${action.name}` }));
    return c.json({ actions });
  });

  app.patch('/cases/:uuid/alerts', async (c) => {
    const id = c.req.param('uuid');
    const found = state.cases.get(id) ?? [...state.cases.values()].find((item) => item.short_id === id);
    if (!found) return c.json(notFound('Case', id), 404);
    const body = (await c.req.json()) as Json;
    const alerts = Array.isArray(body['alerts']) ? (body['alerts'] as string[]) : [];
    const unknown = alerts.find((alert) => !state.alert(alert));
    if (unknown) return c.json(notFound('Alert', unknown), 404);
    found.alerts.push(...alerts);
    return c.json({ status: 'updated' });
  });

  return app;
}
