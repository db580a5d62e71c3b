import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_HTTP_RETRY } from '@ply/kit/testing';
import { API_KEY, startSekoia, type SekoiaHarness } from './harness.js';

const ALERT = {
  uuid: '0c8dd6b4-4a8c-4e58-a3a6-8e8b8e3c1a11',
  short_id: 'ALxyz123',
  title: 'Suspicious PowerShell',
  urgency: { current_value: 80, value: 80, severity: 80 },
  status: { uuid: '2efc4930-1442-4abb-acf2-58ba219a4fd0', name: 'Pending', description: 'The alert is waiting for action' },
  rule: { uuid: 'b5c3c1a0-0000-4000-8000-000000000001', name: 'PowerShell download cradle' },
  entity: { uuid: 'e0000000-0000-4000-8000-000000000001', name: 'Main entity' },
  alert_type: { category: 'malicious-code', value: 'malware' },
  created_at: 1764400000,
};

describe('Sekoia.io alert actions through the executor', () => {
  // A fresh fake (alerts, comments, cases, requests, faults), runtime and log per test.
  let s: SekoiaHarness;
  beforeEach(async () => {
    s = await startSekoia();
    s.state.alerts.set(ALERT.uuid, structuredClone(ALERT));
    for (let i = 0; i < 25; i += 1) {
      s.state.alerts.set(`a-${i}`, { ...structuredClone(ALERT), uuid: `a-${i}`, short_id: `AL${i}`, rule: { name: i % 2 ? 'odd' : 'even' } });
    }
  });
  afterEach(() => s.server.close());

  it('gets an alert by short id with the Bearer key', async () => {
    const { results } = await s.run('get_alert', { uuid: 'ALxyz123', stix: true });
    expect(results).toMatchObject({ uuid: ALERT.uuid, short_id: 'ALxyz123', status: { name: 'Pending' } });
    expect(s.state.requests.at(-1)!.url).toBe(`/api/v1/sic/alerts/ALxyz123?stix=true&cases=false`);
  });

  it('searches alerts with match[...] filters and pages with limit and offset', async () => {
    const { results } = (await s.run('search_alerts', { 'match[rule_name]': 'even', limit: 5, offset: 10, with_count: true })) as {
      results: { items: Array<{ uuid: string }>; total: number; has_more: boolean };
    };
    expect(results.total).toBe(13);
    expect(results.items.map((alert) => alert.uuid)).toEqual(['a-20', 'a-22', 'a-24']);
    expect(results.has_more).toBe(false);
    const url = new URL(s.state.requests.at(-1)!.url, 'http://x');
    expect(url.pathname).toBe('/api/v1/sic/alerts');
    expect(Object.fromEntries(url.searchParams)).toEqual({ 'match[rule_name]': 'even', limit: '5', offset: '10', with_count: 'true' });
  });

  it('applies the reference default limit of 20', async () => {
    const { results } = (await s.run('search_alerts', {})) as { results: { items: unknown[]; total: number; has_more: boolean } };
    expect([results.items.length, results.total, results.has_more]).toEqual([20, 26, true]);
  });

  it('edits an alert with a PATCH carrying only the given fields', async () => {
    const { results } = await s.run('edit_alert', { uuid: ALERT.uuid, title: 'Renamed', urgency: 40 });
    expect(results).toMatchObject({ title: 'Renamed', urgency: { current_value: 40 } });
    expect(s.state.requests.at(-1)).toMatchObject({ method: 'PATCH', url: `/api/v1/sic/alerts/${ALERT.uuid}`, body: { title: 'Renamed', urgency: 40 } });
  });

  it('comments an alert', async () => {
    const { results } = await s.run('comment_alert', { uuid: ALERT.uuid, content: 'Looked at it', author: 'ply' });
    expect(results).toMatchObject({ content: 'Looked at it', author: 'ply', created_by_type: 'apikey' });
    expect(s.state.comments.get(ALERT.uuid)).toHaveLength(1);
  });

  it('updates the status with an action uuid and a comment', async () => {
    const { results } = (await s.run('update_alert_status', {
      uuid: ALERT.uuid,
      action_uuid: '1738b1c1-767d-489e-bada-19176621a007',
      comment: 'false positive',
    })) as { results: { actions: Array<{ name: string }> } };
    expect(s.state.alerts.get(ALERT.uuid)!['status']).toMatchObject({ name: 'Closed' });
    expect(results.actions.map((action) => action.name)).not.toContain('Closed');
    expect(s.state.requests.at(-1)!.body).toEqual({ action_uuid: '1738b1c1-767d-489e-bada-19176621a007', comment: 'false positive' });
  });

  it.each([
    ['Pending', '2efc4930-1442-4abb-acf2-58ba219a4fd0'],
    ['Acknowledged', '8f206505-af6d-433e-93f4-775d46dc7d0f'],
    ['Ongoing', '1f2f88d5-ff5b-48bf-bbbc-00c2fff82d9f'],
    ['Rejected', '4f68da89-38e0-4703-a6ab-652f02bdf24e'],
    ['Closed', '1738b1c1-767d-489e-bada-19176621a007'],
  ])('updates the status by name %s with the Actions Library uuid', async (status, actionUuid) => {
    await s.run('update_alert_status_by_name', { uuid: 'ALxyz123', status });
    expect(s.state.requests.at(-1)).toMatchObject({ method: 'PATCH', url: `/api/v1/sic/alerts/ALxyz123/workflow`, body: { action_uuid: actionUuid } });
    expect(s.state.alerts.get(ALERT.uuid)!['status']).toMatchObject({ name: status });
  });

  it('refuses a status name outside the reference enum before calling the API', async () => {
    const error = await s.fail('update_alert_status_by_name', { uuid: ALERT.uuid, status: 'Done' });
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(s.state.requests).toHaveLength(0);
  });

  it('attaches alerts to a case', async () => {
    s.state.cases.set('case-1', { uuid: 'case-1', short_id: 'CA1', alerts: [] });
    const { results } = await s.run('attach_alerts_to_case', { case_uuid: 'CA1', alerts: [ALERT.uuid, 'AL3'] });
    expect(results).toEqual({ status: 'updated' });
    expect(s.state.cases.get('case-1')!.alerts).toEqual([ALERT.uuid, 'AL3']);
  });

  it('fails with 404 naming the unknown alert', async () => {
    const error = await s.fail('get_alert', { uuid: 'ALnope' });
    expect([error.code, error.details['status']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 404]);
    expect(error.message).toContain('Alert ALnope not found');
  });

  it('fails with 401 on a wrong key and never shows either key', async () => {
    const error = await s.fail('edit_alert', { uuid: ALERT.uuid, title: 'x' }, { base_url: s.server.url, api_key: 'wrong-key-7e2c1a' });
    expect([error.code, error.details['status']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 401]);
    expect(JSON.stringify(error)).not.toContain('wrong-key-7e2c1a');
    expect(error.message).not.toContain(API_KEY);
  });

  it('retries a 429 with Retry-After, then succeeds', async () => {
    s.faults.inject({ status: 429, retryAfter: '1', path: /alerts/ });
    const { results } = await s.run('get_alert', { uuid: ALERT.uuid });
    expect(results).toMatchObject({ uuid: ALERT.uuid });
    expect(s.faults.injected).toBe(1);
    expect(s.state.requests).toHaveLength(2);
    // Retry-After: 1 s, capped at the test runtime's ceiling; the backoff alone would have waited 0 or 1 ms.
    const retry = s.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'HTTP request failed, retrying');
    expect(retry).toMatchObject({ status: 429, delayMs: TEST_HTTP_RETRY.maxDelayMs });
  });

  it('gives up after the retries on a lasting 503, with the vendor status', async () => {
    s.faults.inject({ status: 503, path: /workflow/, times: 10 });
    const error = await s.fail('update_alert_status_by_name', { uuid: ALERT.uuid, status: 'Closed' });
    expect([error.code, error.details['status'], error.details['attempts']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 503, 4]);
  });

  it('keeps the API key out of every log line', async () => {
    // The lines checked are made here: a retried read, an edit, and a run that fails after its retries.
    s.faults.inject({ status: 429, path: /alerts/ });
    await s.run('get_alert', { uuid: ALERT.uuid });
    await s.run('edit_alert', { uuid: ALERT.uuid, title: 'Renamed' });
    s.faults.inject({ status: 503, path: /workflow/, times: 10 });
    expect((await s.fail('update_alert_status_by_name', { uuid: ALERT.uuid, status: 'Closed' })).code).toBe('PLY_VENDOR_HTTP_ERROR');
    const messages = s.logs.lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(['HTTP request failed, retrying', 'action failed']));
    expect(s.logs.text()).not.toContain(API_KEY);
  });
});
