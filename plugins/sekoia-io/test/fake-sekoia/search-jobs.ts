import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { checkedBody } from './body-checks.js';
import type { FakeSearchJob, FakeSekoiaState } from './state.js';

/** The status a job reports at its `polls`-th status read, per its plan. */
function statusOf(job: FakeSearchJob): number {
  const { pollsNotStarted, pollsInProgress, finalStatus } = job.plan;
  if (job.polls <= pollsNotStarted) return 0;
  if (job.polls <= pollsNotStarted + pollsInProgress) return 1;
  return finalStatus;
}

/** `api/v1/sic/conf/events/search/jobs...`: jobs that progress one step per status poll. */
export function searchJobRoutes(state: FakeSekoiaState): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    const checked = await checkedBody(
      c,
      { term: { type: 'string' }, earliest_time: { type: 'string' }, latest_time: { type: 'string' }, visible: { type: 'boolean' }, max_last_events: { type: 'integer', minimum: 1 } },
      ['term', 'earliest_time', 'latest_time'],
    );
    if ('refusal' in checked) return checked.refusal;
    const body = checked.body;
    const job: FakeSearchJob = { uuid: randomUUID(), body, polls: 0, plan: { ...state.jobPlan } };
    state.jobs.set(job.uuid, job);
    return c.json({ uuid: job.uuid, status: 0, term: body['term'] });
  });
  app.get('/:uuid', (c) => {
    const job = state.jobs.get(c.req.param('uuid'));
    if (!job) return c.json({ message: `Search job ${c.req.param('uuid')} not found` }, 404);
    job.polls += 1;
    state.onPoll?.(job);
    return c.json({ uuid: job.uuid, status: statusOf(job), term: job.body['term'] });
  });
  app.get('/:uuid/events', (c) => {
    const job = state.jobs.get(c.req.param('uuid'));
    if (!job) return c.json({ message: `Search job ${c.req.param('uuid')} not found` }, 404);
    // `max_last_events` bounds the events the job keeps; `total` still counts every match.
    const kept = state.events.slice(0, Number(job.body['max_last_events'] ?? state.events.length));
    const limit = Number(c.req.query('limit') ?? 100);
    const offset = Number(c.req.query('offset') ?? 0);
    return c.json({ items: kept.slice(offset, offset + limit), total: state.events.length });
  });
  app.get('/:uuid/fields', (c) => {
    if (!state.jobs.has(c.req.param('uuid'))) return c.json({ message: `Search job ${c.req.param('uuid')} not found` }, 404);
    const limit = Number(c.req.query('limit') ?? 1000);
    const offset = Number(c.req.query('offset') ?? 0);
    return c.json({ items: state.fields.slice(offset, offset + limit), total: state.fields.length });
  });
  return app;
}
