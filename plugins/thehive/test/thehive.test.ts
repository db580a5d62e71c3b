import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, READ_ONLY_KEY, startTheHive, type TheHiveHarness } from './harness.js';

const sekoiaAlert = {
  uuid: '0c8dd6b4-4a8c-4e58-a3a6-8e8b8e3c1a11',
  short_id: 'ALsekoia1',
  title: 'Suspicious PowerShell',
  urgency: { current_value: 80, value: 80, severity: 80 },
  alert_type: { category: 'malicious-code', value: 'malware' },
  details: 'Detected on host WS-042',
  created_at: 1764400000,
};

const fields = { title: 'Phishing campaign', description: 'Users received a credential-harvesting mail', type: 'external', source: 'SIEM', sourceRef: 'case-001' };

describe('TheHive 5 Create alert, Get alert and Add a comment through the executor', () => {
  let h: TheHiveHarness;
  beforeEach(async () => {
    h = await startTheHive();
  });
  afterEach(() => h.close());

  it('creates an alert with its observables, the Bearer key and the organisation header', async () => {
    const args = { ...fields, severity: 3, tlp: 2, pap: 1, tags: ['phishing'], observables: [{ dataType: 'domain', data: 'evil.example', ioc: true }] };
    const result = await h.run('create_an_alert_in_the_hive_v5', { alert: {}, ...structuredClone(args) });
    const request = h.received.at(-1)!;
    expect([request.method, request.path, request.authorization, request.organisation]).toEqual(['POST', '/api/v1/alert', `Bearer ${API_KEY}`, 'SOC']);
    expect(request.body).toEqual(args);
    expect(result.results).toMatchObject({ _id: expect.stringMatching(/^~\d+$/), title: 'Phishing campaign', severity: 3, sourceRef: 'case-001', observableCount: 1, customFields: [] });
  });

  it('derives the alert from a Sekoia.io alert as the reference does, the region URL in the link', async () => {
    await h.run('create_an_alert_in_the_hive_v5', { alert: sekoiaAlert, sekoia_base_url: 'https://app.usa1.sekoia.io/' });
    const link = 'https://app.usa1.sekoia.io/operations/alerts/ALsekoia1';
    expect(h.received.at(-1)!.body).toEqual({
      title: 'Suspicious PowerShell',
      type: 'malicious-code/malware',
      source: 'Sekoia.io',
      sourceRef: 'ALsekoia1',
      severity: 4,
      date: 1764400000000,
      externalLink: link,
      description: `type: malicious-code/malware\r\nlink: ${link}\r\ndetails: Detected on host WS-042`,
    });
  });

  it('names the duplicate when TheHive already has the alert', async () => {
    await h.run('create_an_alert_in_the_hive_v5', { alert: {}, ...fields });
    const error = await h.fail('create_an_alert_in_the_hive_v5', { alert: {}, ...fields });
    expect(error.message).toBe('TheHive already has an alert with type "external", source "SIEM" and sourceRef "case-001": Alert already exists');
    expect(error.details).toMatchObject({ status: 400, duplicate: true });
  });

  it('refuses an alert without its required fields before calling TheHive', async () => {
    const error = await h.fail('create_an_alert_in_the_hive_v5', { alert: {}, title: 'only a title' });
    expect([error.code, error.message]).toEqual(['PLY_ARGUMENTS_INVALID', 'arguments of create_an_alert_in_the_hive_v5: /description, /type, /source, /sourceRef required (give them, or an `alert` they derive from)']);
    expect(h.received).toHaveLength(0);
  });

  it('adds a comment to an alert', async () => {
    const id = await h.seedAlert();
    const { results } = await h.run('add_a_comment_in_the_hive_v5', { alert_id: id, message: 'Escalated to the CERT' });
    expect(results).toMatchObject({ _id: expect.stringMatching(/^~/), message: 'Escalated to the CERT', createdBy: 'soc@thehive.local', isEdited: false });
    expect(h.received.at(-1)).toMatchObject({ method: 'POST', path: `/api/v1/alert/${id}/comment`, organisation: 'SOC', body: { message: 'Escalated to the CERT' } });
  });

  it('reads an alert back, and names it when it is unknown or belongs to another organisation', async () => {
    const id = await h.seedAlert();
    expect((await h.run('get_an_alert_in_the_hive_v5', { alert_id: id })).results).toMatchObject({ _id: id, title: 'Seed' });
    const error = await h.fail('get_an_alert_in_the_hive_v5', { alert_id: id }, { configuration: { ...h.configuration, organisation: 'CERT' } });
    expect([error.details['status'], error.message]).toEqual([404, `alert ${id} was not found at The Hive V5 (HTTP 404: Alert ${id} not found)`]);
  });

  it('says the credentials were refused: an unknown key (401), a read-only key writing (403), an organisation the user is not in (403)', async () => {
    const unknown = await h.fail('add_a_comment_in_the_hive_v5', { alert_id: '~1', message: 'x' }, { configuration: { ...h.configuration, apikey: 'th-wrong-key-11' } });
    expect([unknown.details['status'], unknown.message]).toEqual([401, expect.stringContaining('refused the credentials')]);
    const readOnly = await h.fail('create_an_alert_in_the_hive_v5', { alert: {}, ...fields }, { configuration: { ...h.configuration, apikey: READ_ONLY_KEY } });
    expect(readOnly.details['status']).toBe(403);
    const organisation = await h.fail('create_an_alert_in_the_hive_v5', { alert: {}, ...fields }, { configuration: { ...h.configuration, organisation: 'OTHER' } });
    expect([organisation.details['status'], organisation.message]).toEqual([403, expect.stringContaining('not a member of organisation OTHER')]);
    expect(h.logs.text()).toContain('action failed');
    expect(JSON.stringify([unknown, readOnly, h.logs.lines])).not.toContain('th-wrong-key-11');
  });

  it('reports an answer that is not JSON as a malformed vendor answer', async () => {
    h.state.malformedNext = true;
    expect((await h.fail('create_an_alert_in_the_hive_v5', { alert: {}, ...fields })).code).toBe('PLY_VENDOR_RESPONSE_INVALID');
    h.state.malformedNext = true;
    expect((await h.fail('add_a_comment_in_the_hive_v5', { alert_id: '~1', message: 'x' })).code).toBe('PLY_VENDOR_RESPONSE_INVALID');
  });

  it('keeps the key out of errors and logs when TheHive quotes it back (raw, URL-encoded, in a header)', async () => {
    h.state.echoNext = true;
    const error = await h.fail('create_an_alert_in_the_hive_v5', { alert: {}, ...fields });
    expect(h.logs.text()).toContain('action failed');
    const everything = JSON.stringify([error.message, error.details, h.logs.lines]);
    for (const form of [API_KEY, encodeURIComponent(`Bearer ${API_KEY}`)]) expect(everything).not.toContain(form);
    expect(error.message).toContain('[REDACTED]');
  });

  it('retries a 429 with Retry-After, but sends a creation once on a 5xx', async () => {
    h.faults.failNext.push({ status: 429, retryAfter: '0' });
    expect((await h.run('create_an_alert_in_the_hive_v5', { alert: {}, ...fields })).results).toMatchObject({ sourceRef: 'case-001' });
    expect(h.faults.failNext).toHaveLength(0);
    expect(h.logs.text()).toContain('HTTP request failed, retrying');
    h.faults.failNext.push({ status: 503, retryAfter: '0' });
    const error = await h.fail('create_an_alert_in_the_hive_v5', { alert: {}, ...fields, sourceRef: 'other' });
    expect(error.details).toMatchObject({ status: 503, attempts: 1 });
  });

  it('ends at the run timeout when TheHive does not answer', async () => {
    h.faults.delayNextMs = 2_000;
    expect((await h.fail('create_an_alert_in_the_hive_v5', { alert: {}, ...fields }, { timeoutMs: 100 })).code).toBe('PLY_ACTION_TIMEOUT');
  });

  it('checks the account with GET api/v1/user/current', async () => {
    await h.ply.checkCredentials({ module: 'thehivev5', configuration: h.configuration });
    expect(h.received.at(-1)!.path).toBe('/api/v1/user/current');
  });
});
