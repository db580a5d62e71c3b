import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLES } from './fake-sekoia/state.js';
import { startSekoia, type SekoiaHarness } from './harness.js';

/** The reference's sample case (`sample_siccaseapi`), with its three alerts. */
const CASE = SAMPLES['sample_siccaseapi']!;
const UUID = String(CASE['uuid']);
const SHORT_ID = String(CASE['short_id']);

describe('Sekoia.io case actions through the executor', () => {
  let s: SekoiaHarness;
  beforeEach(async () => {
    s = (await startSekoia()) as SekoiaHarness;
    s.state.withSamples();
  });
  afterEach(() => s.close());

  it('creates a case with the given fields and returns the case the API made', async () => {
    const { results } = (await s.run('create_case', { title: 'Phishing wave', priority: 'high', tags: ['phishing'], subscribers: [{ avatar_uuid: 'a-1', type: 'avatar' }] })) as { results: Record<string, unknown> };
    expect(results).toMatchObject({ title: 'Phishing wave', priority: 'high', tags: ['phishing'], status: 'opened', description: null, verdict: null });
    expect(s.last()).toMatchObject({ method: 'POST', path: '/api/v1/sic/cases', body: { title: 'Phishing wave', priority: 'high', tags: ['phishing'], subscribers: [{ avatar_uuid: 'a-1', type: 'avatar' }] } });
    expect(s.state.cases.get(String(results['uuid']))).toBeDefined();
  });

  it('refuses a case without a title before calling the API', async () => {
    expect((await s.fail('create_case', { description: 'no title' })).code).toBe('PLY_ARGUMENTS_INVALID');
    expect(s.state.requests).toHaveLength(0);
  });

  it('gets a case by short id, with its alerts, community_uuid and render in the query', async () => {
    const { results } = (await s.run('get_case', { uuid: SHORT_ID, community_uuid: CASE['community_uuid'] })) as { results: { uuid: string; alerts: unknown[] } };
    expect(results.uuid).toBe(UUID);
    expect(results.alerts).toHaveLength(3);
    expect(s.last()).toMatchObject({ path: `/api/v1/sic/cases/${SHORT_ID}`, query: { community_uuid: CASE['community_uuid'], render: 'true' } });
  });

  it('edits a case with a PATCH of the given fields only', async () => {
    const { results } = await s.run('edit_case', { uuid: UUID, description: 'Contained', custom_status_uuid: 's-1' });
    expect(results).toMatchObject({ description: 'Contained', custom_status_uuid: 's-1', title: 'Test new case' });
    expect(s.last()).toMatchObject({ method: 'PATCH', body: { description: 'Contained', custom_status_uuid: 's-1' } });
  });

  it('searches cases with filters and paging', async () => {
    const { results } = (await s.run('search_cases', { 'match[status_name]': 'opened', limit: 5 })) as { results: { items: Array<{ uuid: string }>; total: number } };
    expect([results.total, results.items[0]!.uuid]).toEqual([1, UUID]);
    expect(s.last().query).toEqual({ 'match[status_name]': 'opened', limit: '5' });
  });

  it('comments a case and lists its comments', async () => {
    const { results } = await s.run('comment_case', { uuid: UUID, content: 'Escalated to CERT' });
    expect(results).toMatchObject({ content: 'Escalated to CERT', created_by_type: 'apikey' });
    const listed = (await s.run('list_case_comments', { case_uuid: UUID })) as { results: { items: Array<{ content: string }>; total: number } };
    expect([listed.results.total, listed.results.items[0]!.content]).toEqual([1, 'Escalated to CERT']);
    expect(s.last().query).toEqual({ limit: '20', offset: '0' });
  });

  it('adds events to a case and removes one (204 answers give {})', async () => {
    expect((await s.run('add_events_to_case', { uuid: UUID, event_ids: ['ev-1', 'ev-2'] })).results).toEqual({});
    expect(s.state.caseEvents.get(UUID)).toEqual(['ev-1', 'ev-2']);
    expect((await s.run('remove_event_from_case', { case_uuid: UUID, event_id: 'ev-1' })).results).toEqual({});
    expect(s.last()).toMatchObject({ method: 'DELETE', path: `/api/v1/sic/cases/${UUID}/events/ev-1` });
    expect(s.state.caseEvents.get(UUID)).toEqual(['ev-2']);
  });

  it('attaches alerts to a case', async () => {
    const alert = String(SAMPLES['sample_sicalertapi']!['uuid']);
    expect((await s.run('attach_alerts_to_case', { case_uuid: SHORT_ID, alerts: [alert] })).results).toEqual({ status: 'updated' });
    expect(s.last()).toMatchObject({ method: 'PATCH', body: { alerts: [alert] } });
  });

  it('deletes a case; a 404 answered to the retry of a lost DELETE counts as done', async () => {
    expect((await s.run('delete_case', { case_uuid: UUID })).results).toEqual({});
    expect(s.state.cases.has(UUID)).toBe(false);
    s.state.withSamples();
    s.faults.inject({ status: 502, path: /\/cases\// });
    // The gateway lost the first answer: the fake never saw it, so delete the case as the API would have.
    s.state.cases.delete(UUID);
    expect((await s.run('delete_case', { case_uuid: UUID })).results).toEqual({});
  });

  it('names the case that was not found', async () => {
    const error = await s.fail('get_case', { uuid: 'CAnope' });
    expect(error.message).toContain('case CAnope was not found at Sekoia.io');
  });
});
