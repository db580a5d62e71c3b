import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLES } from './fake-sekoia/state.js';
import { API_KEY, startSekoia, type SekoiaHarness } from './harness.js';

/** The reference's sample alert (`sample_sicalertapi`): countermeasures, history, `rule.type: null`. */
const ALERT = SAMPLES['sample_sicalertapi']!;
const UUID = String(ALERT['uuid']);
const SHORT_ID = String(ALERT['short_id']);

describe('Sekoia.io alert actions through the executor', () => {
  let s: SekoiaHarness;
  beforeEach(async () => {
    s = await startSekoia();
    s.state.withSamples();
    for (let i = 0; i < 25; i += 1) s.state.alerts.set(`a-${i}`, { ...structuredClone(ALERT), uuid: `a-${i}`, short_id: `AL${i}`, rule: { name: i % 2 ? 'odd' : 'even' } });
  });
  afterEach(() => s.close());

  it('gets an alert by short id, with the API key as a Bearer token and the stix and cases flags', async () => {
    const { results } = await s.run('get_alert', { uuid: SHORT_ID, stix: true });
    expect(results).toMatchObject({ uuid: UUID, short_id: SHORT_ID, rule: { type: null }, status: { name: 'Ongoing' } });
    expect(s.last()).toMatchObject({ path: `/api/v1/sic/alerts/${SHORT_ID}`, query: { stix: 'true', cases: 'false' }, authorization: `Bearer ${API_KEY}` });
  });

  it('searches alerts with match[...] filters and pages with limit and offset', async () => {
    const { results } = (await s.run('search_alerts', { 'match[rule_name]': 'even', limit: 5, offset: 10, with_count: true })) as { results: { items: Array<{ uuid: string }>; total: number; has_more: boolean } };
    expect(results.total).toBe(13);
    expect(results.items.map((alert) => alert.uuid)).toEqual(['a-20', 'a-22', 'a-24']);
    expect(s.last()).toMatchObject({ path: '/api/v1/sic/alerts', query: { 'match[rule_name]': 'even', limit: '5', offset: '10', with_count: 'true' } });
  });

  it('applies the reference default limit of 20', async () => {
    const { results } = (await s.run('search_alerts', {})) as { results: { items: unknown[]; total: number; has_more: boolean } };
    expect([results.items.length, results.total, results.has_more]).toEqual([20, 26, true]);
  });

  it('edits an alert with a PATCH carrying only the given fields', async () => {
    const { results } = await s.run('edit_alert', { uuid: UUID, title: 'Renamed', urgency: 40, kill_chain_short_id: null });
    expect(results).toMatchObject({ title: 'Renamed', urgency: { current_value: 40 }, kill_chain_short_id: null });
    expect(s.last()).toMatchObject({ method: 'PATCH', path: `/api/v1/sic/alerts/${UUID}`, body: { title: 'Renamed', urgency: 40, kill_chain_short_id: null } });
  });

  it("passes the API's refusal of a value out of its bounds on, without retrying the PATCH", async () => {
    const error = await s.fail('edit_alert', { uuid: UUID, urgency: 150 });
    expect([error.code, error.details['status'], error.details['attempts']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 400, 1]);
    expect(error.message).toContain('urgency: Must be greater than or equal to 0 and less than or equal to 100.');
  });

  it('comments an alert', async () => {
    const { results } = await s.run('comment_alert', { uuid: UUID, content: 'Looked at it', author: 'ply' });
    expect(results).toMatchObject({ content: 'Looked at it', author: 'ply', created_by_type: 'apikey' });
    expect(s.state.comments.get(UUID)).toHaveLength(1);
  });

  it('updates the status with an action uuid and a comment', async () => {
    const { results } = (await s.run('update_alert_status', { uuid: UUID, action_uuid: '1738b1c1-767d-489e-bada-19176621a007', comment: 'false positive' })) as { results: { actions: Array<{ name: string }> } };
    expect(s.state.alerts.get(UUID)!['status']).toMatchObject({ name: 'Closed' });
    expect(results.actions.map((action) => action.name)).not.toContain('Closed');
    expect(s.last().body).toEqual({ action_uuid: '1738b1c1-767d-489e-bada-19176621a007', comment: 'false positive' });
  });

  it.each([
    ['Pending', '2efc4930-1442-4abb-acf2-58ba219a4fd0'],
    ['acknowledged', '8f206505-af6d-433e-93f4-775d46dc7d0f'],
    ['ONGOING', '1f2f88d5-ff5b-48bf-bbbc-00c2fff82d9f'],
    ['Rejected', '4f68da89-38e0-4703-a6ab-652f02bdf24e'],
    ['1738b1c1-767d-489e-bada-19176621a007', '1738b1c1-767d-489e-bada-19176621a007'],
  ])('updates the status by name or raw uuid %s with the Actions Library uuid', async (status, actionUuid) => {
    await s.run('update_alert_status_by_name', { uuid: SHORT_ID, status });
    expect(s.last()).toMatchObject({ method: 'PATCH', path: `/api/v1/sic/alerts/${SHORT_ID}/workflow`, body: { action_uuid: actionUuid, comment: null } });
  });

  it('refuses a status that is neither a known name nor a workflow uuid, before calling the API', async () => {
    const error = await s.fail('update_alert_status_by_name', { uuid: UUID, status: 'Done' });
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('status "Done"');
    expect(s.state.requests).toHaveLength(0);
  });

  it('activates and denies a countermeasure with a comment', async () => {
    const countermeasures = ALERT['countermeasures'] as Array<Record<string, unknown>>;
    for (const countermeasure of countermeasures.slice(0, 2)) s.state.countermeasures.set(String(countermeasure['uuid']), structuredClone(countermeasure));
    const [first, second] = countermeasures.map((countermeasure) => String(countermeasure['uuid']));
    const activated = await s.run('activate_countermeasure', { cm_uuid: first, comment: { content: 'Go', author: 'soc' } });
    expect(activated.results).toMatchObject({ uuid: first, status: 'activated', comments: [{ content: 'Go', author: 'soc' }] });
    expect(s.last()).toMatchObject({ method: 'PATCH', path: `/api/v1/sic/alerts/countermeasures/${first}/activate`, body: { comment: { content: 'Go', author: 'soc' } } });
    const denied = await s.run('deny_countermeasure', { cm_uuid: second });
    expect(denied.results).toMatchObject({ uuid: second, status: 'denied' });
  });

  it('refuses an account without api_key before calling the API, naming the key (the reference declares it optional)', async () => {
    const error = await s.fail('get_alert', { uuid: SHORT_ID }, { base_url: s.server.url });
    expect([error.code, error.message, error.details['issues']]).toEqual([
      'PLY_CONFIGURATION_INVALID',
      'the Sekoia.io account has no api_key: every action but Push Events to Intake calls the API with it',
      [{ pointer: '/api_key', message: 'is required to call the Sekoia.io API' }],
    ]);
    expect(s.state.requests).toEqual([]);
  });

  it('names the alert that was not found on 404', async () => {
    const error = await s.fail('get_alert', { uuid: 'ALnope' });
    expect([error.code, error.details['status']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 404]);
    expect(error.message).toContain('alert ALnope was not found at Sekoia.io');
  });

  it('says the credentials were refused on 401 and never shows either key', async () => {
    const error = await s.fail('edit_alert', { uuid: UUID, title: 'x' }, { base_url: s.server.url, api_key: 'wrong-key-7e2c1a' });
    expect([error.code, error.details['status']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 401]);
    expect(error.message).toContain('Sekoia.io refused the credentials of the account');
    expect(s.logs.text()).toContain('action failed');
    expect(JSON.stringify([error, s.logs.lines])).not.toContain('wrong-key-7e2c1a');
  });

  it('retries a 429 with Retry-After, then succeeds', async () => {
    s.faults.inject({ status: 429, retryAfter: '0', path: /alerts/ });
    expect((await s.run('get_alert', { uuid: UUID })).results).toMatchObject({ uuid: UUID });
    expect(s.state.requests).toHaveLength(2);
  });

  it('retries a GET on a 5xx but gives up after the retries, with the vendor status', async () => {
    s.faults.inject({ status: 503, path: /alerts/, times: 10 });
    const error = await s.fail('get_alert', { uuid: UUID });
    expect([error.code, error.details['status'], error.details['attempts']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 503, 4]);
  });

  it('reports an answer that is not JSON as a malformed vendor answer', async () => {
    s.faults.inject({ status: 200, path: /alerts/, html: '<html>maintenance</html>' });
    expect((await s.fail('get_alert', { uuid: UUID })).code).toBe('PLY_VENDOR_RESPONSE_INVALID');
  });

  it('ends at the run timeout when the API does not answer', async () => {
    s.faults.delayMs = 2_000;
    expect((await s.fail('get_alert', { uuid: UUID }, undefined, { timeoutMs: 100 })).code).toBe('PLY_ACTION_TIMEOUT');
  });

  it('accepts a base_url ending in /api (the API root is not doubled)', async () => {
    await s.run('get_alert', { uuid: UUID }, { base_url: `${s.server.url}api`, api_key: API_KEY });
    expect(s.last().path).toBe(`/api/v1/sic/alerts/${UUID}`);
  });

  it('keeps the key out of every error and log line when the vendor quotes it back (raw, URL-encoded, in a header)', async () => {
    s.faults.inject({ status: 500, path: /alerts/, echoCredentials: true, times: 10 });
    const error = await s.fail('get_alert', { uuid: UUID });
    expect(s.logs.text()).toContain('action failed');
    const everything = JSON.stringify([error.message, error.details, s.logs.lines]);
    for (const form of [API_KEY, encodeURIComponent(`Bearer ${API_KEY}`)]) expect(everything).not.toContain(form);
    expect(error.message).toContain('[REDACTED]');
  });

  it('checks the account with GET api/v1/me', async () => {
    await s.ply.checkCredentials({ module: 'sekoia.io', configuration: s.configuration });
    expect(s.last().path).toBe('/api/v1/me');
    const refused = await s.ply.checkCredentials({ module: 'sekoia.io', configuration: { ...s.configuration, api_key: 'wrong-key' } }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'PLY_VENDOR_HTTP_ERROR', details: { status: 401 } });
  });
});
