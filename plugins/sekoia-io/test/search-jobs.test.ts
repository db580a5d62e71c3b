import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WAIT_FOR } from '@ply/kit/testing';
import { startSekoia, type SekoiaHarness } from './harness.js';

const SEARCH = { query: 'event.dataset:"dns"', earliest_time: '-1d', latest_time: 'now' };
const jobsUrl = '/api/v1/sic/conf/events/search/jobs';

describe('Sekoia.io event search jobs through the executor', () => {
  // A fresh fake (jobs, requests, faults), runtime and log per test.
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
  afterEach(() => s.server.close());

  it('creates the job as the reference does, polls it until done, and pages the events up to the limit', async () => {
    const { results } = (await s.run('get_events', { ...SEARCH, limit: 30 })) as { results: { events: Array<Record<string, string>> } };
    expect(results.events).toHaveLength(30);
    expect(results.events[29]).toEqual({ 'event.id': 'e29', message: 'dns query 29' });
    const create = s.state.requests.find((request) => request.method === 'POST')!;
    expect(create).toMatchObject({ url: jobsUrl, body: { term: SEARCH.query, earliest_time: '-1d', latest_time: 'now', visible: false, max_last_events: 30 } });
    const job = [...s.state.jobs.values()][0]!;
    expect(job.polls).toBe(6);
    expect(s.state.requests.at(-1)!.url).toBe(`${jobsUrl}/${job.uuid}/events?limit=30&offset=0`);
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
    expect(error.code).toBe('PLY_VENDOR_JOB_FAILED');
    expect(error.message).toBe(`event search job ${job.uuid} ended with status 3`);
    expect(s.state.requests.some((request) => request.url.includes('/events?'))).toBe(false);
  });

  it('fails naming the job when it never completes, within the configured wait', async () => {
    s.state.jobPlan = { pollsNotStarted: 0, pollsInProgress: Number.POSITIVE_INFINITY, finalStatus: 2 };
    const local = await startSekoia({ searchJob: { pollIntervalMs: 5, startTimeoutMs: 100, completeTimeoutMs: 100 } });
    try {
      local.state.jobPlan = s.state.jobPlan;
      local.state.events = s.state.events;
      const error = await local.fail('get_event_field_common_values', { ...SEARCH, fields: 'x' });
      const job = [...local.state.jobs.values()][0]!;
      expect(error.code).toBe('PLY_VENDOR_JOB_TIMEOUT');
      expect(error.message).toBe(`event search job ${job.uuid} took more than 100 ms to complete`);
      expect(job.polls).toBeGreaterThan(1);
    } finally {
      await local.server.close();
    }
  });

  it('stops polling when the run is cancelled (the signal is honoured)', async () => {
    s.state.jobPlan = { pollsNotStarted: Number.POSITIVE_INFINITY, pollsInProgress: 0, finalStatus: 2 };
    const start = () => {
      const controller = new AbortController();
      const running = s.ply.run({ action: 'sekoia.io.get_events', arguments: SEARCH, configuration: s.configuration, signal: controller.signal });
      return { controller, running: running.catch((e: unknown) => e) as Promise<{ code: string }> };
    };
    const cancelled = start();
    // Cancel once the job is being polled.
    await vi.waitFor(() => expect([...s.state.jobs.values()].at(-1)?.polls).toBeGreaterThanOrEqual(2), WAIT_FOR);
    const job = [...s.state.jobs.values()].at(-1)!;
    cancelled.controller.abort();
    const pollsAtCancel = job.polls;
    expect((await cancelled.running).code).toBe('PLY_ACTION_CANCELLED');
    // The clock of this check is a second run polling at the same interval: while it polls ten
    // times, a loop that ignored the signal would poll about as often. Only a poll that was already
    // on the wire when the run was cancelled may still reach the fake.
    const witness = start();
    await vi.waitFor(() => expect([...s.state.jobs.values()].find((other) => other !== job)?.polls).toBeGreaterThanOrEqual(10), WAIT_FOR);
    witness.controller.abort();
    expect((await witness.running).code).toBe('PLY_ACTION_CANCELLED');
    expect(job.polls - pollsAtCancel).toBeLessThanOrEqual(1);
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

  it('fails with the action timeout when the API is too slow', async () => {
    s.faults.delayMs = 1_000;
    const error = (await s.ply.run({ action: 'sekoia.io.get_events', arguments: SEARCH, configuration: s.configuration, timeoutMs: 100 }).catch((e: unknown) => e)) as {
      code: string;
    };
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
  });
});
