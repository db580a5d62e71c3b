import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { checkedBody } from './body-checks.js';
import { paginate } from './paginate.js';
import { WORKFLOW, type FakeSekoiaState, type Json } from './state.js';

const notFound = (what: string, id: string) => ({ message: `${what} ${id} not found` });

const commentRules = { content: { type: 'string' }, author: { type: 'string', maxLength: 32 } } as const;

/** `api/v1/sic/alerts...`, with the request bodies the reference's manifests document. */
export function alertRoutes(state: FakeSekoiaState): Hono {
  const app = new Hono();

  app.get('/alerts', (c) => {
    const filters = Object.entries(c.req.query()).filter(([key]) => key.startsWith('match['));
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
    if (!alert) return c.json(notFound('Alert', c.req.param('uuid')), 404);
    // `stix=false` and the other flags leave those parts out, as the API does.
    const answer: Json = { ...alert };
    for (const part of ['stix', 'comments', 'countermeasures', 'history']) if (c.req.query(part) === 'false') delete answer[part];
    if (c.req.query('cases') !== 'true') delete answer['cases'];
    return c.json(answer);
  });

  app.patch('/alerts/:uuid', async (c) => {
    const alert = state.alert(c.req.param('uuid'));
    if (!alert) return c.json(notFound('Alert', c.req.param('uuid')), 404);
    const checked = await checkedBody(c, {
      alert_type_category: { type: 'string', minLength: 3, maxLength: 1000 },
      alert_type_value: { type: 'string', minLength: 3, maxLength: 1000 },
      details: { type: 'string' },
      urgency: { type: 'integer', minimum: 0, maximum: 100 },
      kill_chain_short_id: { type: 'string', nullable: true },
      title: { type: 'string', maxLength: 10000 },
    });
    if ('refusal' in checked) return checked.refusal;
    const body = checked.body;
    for (const key of ['details', 'title', 'kill_chain_short_id'] as const) if (key in body) alert[key] = body[key];
    if ('urgency' in body) alert['urgency'] = { ...(alert['urgency'] as Json), current_value: body['urgency'], value: body['urgency'] };
    if ('alert_type_category' in body || 'alert_type_value' in body) {
      alert['alert_type'] = { ...(alert['alert_type'] as Json), ...('alert_type_category' in body ? { category: body['alert_type_category'] } : {}), ...('alert_type_value' in body ? { value: body['alert_type_value'] } : {}) };
    }
    alert['updated_at'] = Math.floor(Date.now() / 1000);
    return c.json(alert);
  });

  app.post('/alerts/:uuid/comments', async (c) => {
    const alert = state.alert(c.req.param('uuid'));
    if (!alert) return c.json(notFound('Alert', c.req.param('uuid')), 404);
    const checked = await checkedBody(c, commentRules, ['content']);
    if ('refusal' in checked) return checked.refusal;
    const comment = {
      uuid: randomUUID(),
      content: checked.body['content'],
      author: checked.body['author'] ?? 'api',
      date: Math.floor(Date.now() / 1000),
      created_by: 'c110d686-0b45-4ae7-b917-f15486d0f8c7',
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
    const checked = await checkedBody(c, { action_uuid: { type: 'string' }, comment: { type: 'string', nullable: true } }, ['action_uuid']);
    if ('refusal' in checked) return checked.refusal;
    const target = WORKFLOW[String(checked.body['action_uuid'])];
    if (!target) return c.json({ message: `Unknown action ${String(checked.body['action_uuid'])}` }, 400);
    alert['status'] = { uuid: target.uuid, name: target.name, description: `The alert is ${target.name.toLowerCase()}` };
    const actions = Object.values(WORKFLOW)
      .filter((action) => action.uuid !== target.uuid)
      .map((action) => ({ id: action.uuid, name: action.name, description: `Move the alert to ${action.name}` }));
    return c.json({ actions });
  });

  for (const verb of ['activate', 'deny'] as const) {
    app.patch(`/alerts/countermeasures/:uuid/${verb}`, async (c) => {
      const countermeasure = state.countermeasures.get(c.req.param('uuid'));
      if (!countermeasure) return c.json(notFound('Countermeasure', c.req.param('uuid')), 404);
      const checked = await checkedBody(c, { comment: { type: 'object' } }, verb === 'activate' ? ['comment'] : []);
      if ('refusal' in checked) return checked.refusal;
      const comment = checked.body['comment'] as Json | undefined;
      if (comment && typeof comment['content'] !== 'string') return c.json({ message: 'comment.content: Missing data for required field.' }, 400);
      const now = new Date().toISOString();
      countermeasure['status'] = verb === 'activate' ? 'activated' : 'denied';
      countermeasure[verb === 'activate' ? 'activated_at' : 'denied_at'] = now;
      countermeasure[verb === 'activate' ? 'activated_by' : 'denied_by'] = 'c110d686-0b45-4ae7-b917-f15486d0f8c7';
      if (comment) countermeasure['comments'] = [...((countermeasure['comments'] as Json[] | undefined) ?? []), { uuid: randomUUID(), content: comment['content'], author: comment['author'] ?? null, date: Math.floor(Date.now() / 1000), created_by: 'c110d686-0b45-4ae7-b917-f15486d0f8c7', created_by_type: 'apikey' }];
      return c.json(countermeasure);
    });
  }

  return app;
}
