import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { startSekoia, type SekoiaHarness } from './harness.js';

const SEARCH = { query: 'event.dataset:"dns"', earliest_time: '-1d', latest_time: 'now' };
const jobsUrl = '/api/v1/sic/conf/events/search/jobs';

describe('Sekoia.io event search jobs through the executor', () => {
  let s: SekoiaHarness;
  beforeEach(async () => {
    s = await startSekoia();
    s.state.jobPlan = { pollsNotStarted: 2, pollsInProgress: 3, finalStatus: 2 };
    s.state.events = Array.from({ length: 250 }, (_, i) => ({ 'event.id': `e${i}`, message: `dns query ${i}` }));
    s.state.fields = [
      ...Array.from({ length: 1500 }, (_, i) => ({ name: `field.${i}`, most_common_values: [{ name: `v${i}`, value: 1 }] })),
      { name: 'dns.question.name', most_common_values: [{ name: 'example.org', value: 12 }, { name: 'sekoia.io', value: 3 }] },
    ];
  });
  afterEach(() => s.close());

  it('creates the job as the reference does, polls it until done, and pages the events up to the limit', async () => {
    const { results } = (await s.run('get_events', { ...SEARCH, limit: 30 })) as { results: { events: Array<Record<string, string>> } };
    expect(results.events).toHaveLength(30);
    expect(results.events[29]).toEqual({ 'event.id': 'e29', message: 'dns query 29' });
    const create = s.state.requests.find((request) => request.method === 'POST')!;
    expect(create).toMatchObject({ url: jobsUrl, body: { term: SEARCH.query, earliest_time: '-1d', latest_time: 'now', visible: false, max_last_events: 30 } });
    const job = [...s.state.jobs.values()][0]!;
    expect(job.polls).toBe(6);
    expect(s.last().url).toBe(`${jobsUrl}/${job.uuid}/events?limit=30&offset=0`);
  });

  it('reads the default 100 events', async () => {
    s.state.jobPlan = { pollsNotStarted: 0, pollsInProgress: 0, finalStatus: 2 };
    const { results } = (await s.run('get_events', SEARCH)) as { results: { events: unknown[] } };
    expect(results.events).toHaveLength(100);
  });

  it('returns the common values of the requested fields, reading the field pages until found', async () => {
    const { results } = await s.run('get_event_field_common_values', { ...SEARCH, fields: 'dns.question.name, field.3', limit: 10 });
    expect(results).toEqual({
      fields: [
        { name: 'field.3', common_values: [{ name: 'v3', value: 1 }] },
        { name: 'dns.question.name', common_values: [{ name: 'example.org', value: 12 }, { name: 'sekoia.io', value: 3 }] },
      ],
    });
    const fieldPages = s.state.requests.filter((request) => request.url.includes('/fields?')).map((request) => new URL(request.url, 'http://x').searchParams.get('offset'));
    expect(fieldPages).toEqual(['0', '1000']);
  });

  it('fails naming the job when it ends with a failure status', async () => {
    s.state.jobPlan = { pollsNotStarted: 0, pollsInProgress: 1, finalStatus: 3 };
    const error = await s.fail('get_events', SEARCH);
    const job = [...s.state.jobs.values()].at(-1)!;
    expect([error.code, error.message]).toEqual(['PLY_VENDOR_JOB_FAILED', `event search job ${job.uuid} ended with status 3`]);
    expect(s.state.requests.some((request) => request.url.includes('/events?'))).toBe(false);
  });

  it('fails naming the job when it never completes within the wait the plugin allows', async () => {
    const local = await startSekoia({ searchJob: { pollIntervalMs: 5, startTimeoutMs: 100, completeTimeoutMs: 100 } });
    try {
      local.state.jobPlan = { pollsNotStarted: 0, pollsInProgress: Number.POSITIVE_INFINITY, finalStatus: 2 };
      const error = await local.fail('get_event_field_common_values', { ...SEARCH, fields: 'x' });
      const job = [...local.state.jobs.values()][0]!;
      expect([error.code, error.message]).toEqual(['PLY_VENDOR_JOB_TIMEOUT', `event search job ${job.uuid} took more than 100 ms to complete`]);
      expect(job.polls).toBeGreaterThan(1);
    } finally {
      await local.close();
    }
  });

  it("names the job and timeout_ms when the run's deadline ends the wait", async () => {
    s.state.jobPlan = { pollsNotStarted: 0, pollsInProgress: Number.POSITIVE_INFINITY, finalStatus: 2 };
    const error = await s.fail('get_events', SEARCH, undefined, { timeoutMs: 150 });
    const job = [...s.state.jobs.values()][0]!;
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
    expect(error.message).toBe(`event search job ${job.uuid} was still running when the run's timeout_ms (150 ms) ran out; give the action a longer timeout_ms`);
  });

  it("gives the search actions a default deadline that fits the reference's waits (20 + 30 minutes, and paging)", () => {
    expect(plugin.actions['get-events']!.timeoutMs).toBe(3_300_000);
    expect(plugin.actions['get-event-field-common-values']!.timeoutMs).toBe(3_300_000);
  });

  it('sends nothing more once the run is cancelled while it waits for the job', async () => {
    s.state.jobPlan = { pollsNotStarted: Number.POSITIVE_INFINITY, pollsInProgress: 0, finalStatus: 2 };
    const controller = new AbortController();
    // Cancel at the second poll, before it is answered: no other poll is on the wire then.
    s.state.onPoll = (job) => {
      if (job.polls === 2) controller.abort();
    };
    const error = await plyErrorOf(s.ply.run({ action: 'sekoia.io.get_events', arguments: SEARCH, configuration: s.configuration, signal: controller.signal }));
    expect(error.code).toBe('PLY_ACTION_CANCELLED');
    const requests = s.state.requests.length;
    await s.run('get_alert', { uuid: 'nope' }).catch(() => undefined);
    expect([[...s.state.jobs.values()][0]!.polls, s.state.requests.length]).toEqual([2, requests + 1]);
  });

  it('retries a job status poll answered 429, and a 503 on the events page', async () => {
    s.faults.inject({ status: 429, path: /search\/jobs\/[^/]+$/ });
    s.faults.inject({ status: 503, path: /\/events$/ });
    const { results } = (await s.run('get_events', { ...SEARCH, limit: 5 })) as { results: { events: unknown[] } };
    expect(results.events).toHaveLength(5);
    expect(s.faults.injected).toBe(2);
  });

  it('fails with 404 when the job vanished', async () => {
    s.faults.inject({ status: 404, path: /search\/jobs\/[^/]+$/ });
    const error = await s.fail('get_events', SEARCH);
    expect([error.code, error.details['status']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 404]);
  });
});
