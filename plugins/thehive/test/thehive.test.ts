import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ply } from '@ply/core';
import { createTestPly, startFakeServer, TEST_HTTP_RETRY, type FakeServer, plyErrorOf } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeTheHive } from './fake-thehive.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const API_KEY = 'th-secret-key-3e8d21f0';
const READ_ONLY_KEY = 'th-readonly-key-6b7c';

const sekoiaAlert = {
  uuid: '0c8dd6b4-4a8c-4e58-a3a6-8e8b8e3c1a11',
  short_id: 'ALsekoia1',
  title: 'Suspicious PowerShell',
  urgency: { current_value: 80, value: 80, severity: 80 },
  alert_type: { category: 'malicious-code', value: 'malware' },
  details: 'Detected on host WS-042',
  created_at: 1764400000,
};


/** An alert with one observable, as an analyst's SIEM would raise it. */
const phishingAlert = {
  title: 'Phishing campaign',
  description: 'Users received a credential-harvesting mail',
  type: 'external',
  source: 'SIEM',
  sourceRef: 'case-001',
  severity: 3,
  tlp: 2,
  pap: 1,
  tags: ['phishing'],
  observables: [{ dataType: 'domain', data: 'evil.example', ioc: true }],
};

describe('TheHive 5 plugin through the executor', () => {
  // A fresh fake, runtime and log per test: each test creates the alerts it works on.
  let thehive: ReturnType<typeof fakeTheHive>;
  let server: FakeServer;
  let ply: Ply;
  let logs: ReturnType<typeof createTestPly>['logs'];
  let configuration: Record<string, unknown>;
  const run = (action: string, args: Record<string, unknown>, extra: { configuration?: Record<string, unknown>; timeoutMs?: number } = {}) =>
    ply.run({ action: `thehivev5.${action}`, arguments: args, configuration: extra.configuration ?? configuration, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) });
  /** Creates the phishing alert through the plugin and returns its id. */
  const createAlert = async (): Promise<string> => {
    // A copy: the executor applies schema defaults (sekoia_base_url) to the object it is given.
    const result = await run('create_an_alert_in_the_hive_v5', structuredClone(phishingAlert));
    return (result.results as { _id: string })._id;
  };

  beforeEach(async () => {
    thehive = fakeTheHive(API_KEY, READ_ONLY_KEY);
    server = await startFakeServer(thehive.app.fetch);
    configuration = { base_url: server.url, apikey: API_KEY, organisation: 'SOC' };
    ({ ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] }));
  });
  afterEach(() => server.close());

  it('creates an alert with its observables, Bearer key and organisation header', async () => {
    const result = await run('create_an_alert_in_the_hive_v5', structuredClone(phishingAlert));
    const request = thehive.received.at(-1)!;
    expect([request.method, request.path, request.authorization, request.organisation]).toEqual(['POST', '/api/v1/alert', `Bearer ${API_KEY}`, 'SOC']);
    expect(request.body).toEqual(phishingAlert);
    expect(result.results).toMatchObject({ _id: expect.stringMatching(/^~\d+$/), title: 'Phishing campaign', severity: 3, sourceRef: 'case-001', observableCount: 1 });
    expect(thehive.alerts.has((result.results as { _id: string })._id)).toBe(true);
  });

  it('derives the alert from a Sekoia.io alert as the reference module does', async () => {
    await run('create_an_alert_in_the_hive_v5', { alert: sekoiaAlert, sekoia_base_url: 'https://app.sekoia.io/', tags: ['sekoia'] });
    expect(thehive.received.at(-1)!.body).toEqual({
      title: 'Suspicious PowerShell',
      type: 'malicious-code/malware',
      source: 'Sekoia.io',
      sourceRef: 'ALsekoia1',
      severity: 4,
      date: 1764400000000,
      externalLink: 'https://app.sekoia.io/operations/alerts/ALsekoia1',
      description: 'type: malicious-code/malware\r\nlink: https://app.sekoia.io/operations/alerts/ALsekoia1\r\ndetails: Detected on host WS-042',
      tags: ['sekoia'],
    });
  });

  it('reports a duplicate sourceRef as a clear error naming the alert', async () => {
    await run('create_an_alert_in_the_hive_v5', { alert: sekoiaAlert });
    const error = await plyErrorOf(run('create_an_alert_in_the_hive_v5', { alert: sekoiaAlert }));
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.message).toBe('TheHive already has an alert with type "malicious-code/malware", source "Sekoia.io" and sourceRef "ALsekoia1": Alert already exists');
    expect(error.details).toMatchObject({ status: 400, duplicate: true, sourceRef: 'ALsekoia1' });
  });

  it('refuses an alert without title, description, type, source or sourceRef before calling TheHive', async () => {
    const before = thehive.received.length;
    const error = await plyErrorOf(run('create_an_alert_in_the_hive_v5', { title: 'Only a title' }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('/description, /type, /source, /sourceRef');
    expect(thehive.received.length).toBe(before);
  });

  it('fails with 401 for a bad key, without retrying and without showing the key', async () => {
    const alertId = await createAlert();
    const before = thehive.received.length;
    const error = await plyErrorOf(run('get_an_alert_in_the_hive_v5', { alert_id: alertId }, { configuration: { ...configuration, apikey: 'th-wrong-key-424242' } }));
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.details['status']).toBe(401);
    expect(error.message).toContain('Authentication failure');
    expect(thehive.received.length).toBe(before + 1);
    expect(JSON.stringify(error)).not.toContain('th-wrong-key-424242');
    expect(logs.text()).toContain('action failed');
    expect(logs.text()).not.toContain('th-wrong-key-424242');
  });

  it('fails with 403 and TheHive\'s message when the key may not create alerts', async () => {
    const error = await plyErrorOf(
      run('create_an_alert_in_the_hive_v5', { title: 't', description: 'd', type: 'external', source: 'SIEM', sourceRef: 'ro-1' }, { configuration: { ...configuration, apikey: READ_ONLY_KEY } }),
    );
    expect(error.details['status']).toBe(403);
    expect(error.message).toContain('not authorized to manageAlert/create');
    expect(JSON.stringify(error)).not.toContain(READ_ONLY_KEY);
  });

  it('adds observables one call each, with the TLP/PAP/IOC defaults unless an observable sets its own', async () => {
    const alertId = await createAlert();
    const before = thehive.received.length;
    const result = await run('add_an_observable_in_the_hive_v5', {
      alert_id: alertId,
      observables: [{ dataType: 'ip', data: '203.0.113.7' }, { dataType: 'url', data: 'https://evil.example/login', tlp: 4, ioc: false }],
      pap: 'RED',
    });
    const calls = thehive.received.slice(before);
    expect(calls.map((call) => [call.method, call.path])).toEqual([
      ['POST', `/api/v1/alert/${encodeURIComponent(alertId)}/observable`],
      ['POST', `/api/v1/alert/${encodeURIComponent(alertId)}/observable`],
    ]);
    expect(calls.map((call) => call.body)).toEqual([
      { dataType: 'ip', data: '203.0.113.7', tlp: 2, pap: 3, ioc: true },
      { dataType: 'url', data: 'https://evil.example/login', tlp: 4, pap: 3, ioc: false },
    ]);
    const output = (result.results as { outputObservables: Array<Record<string, unknown>> }).outputObservables;
    expect(output.map((o) => [o['dataType'], o['data']])).toEqual([
      ['ip', '203.0.113.7'],
      ['url', 'https://evil.example/login'],
    ]);
  });

  it('passes TheHive\'s validation message through on 400 (unknown data type), without retrying', async () => {
    const alertId = await createAlert();
    const before = thehive.received.length;
    const error = await plyErrorOf(run('add_an_observable_in_the_hive_v5', { alert_id: alertId, observables: [{ dataType: 'not-a-type', data: 'x' }] }));
    expect(error.details['status']).toBe(400);
    expect(error.message).toContain('Observable dataType not-a-type does not exist');
    expect(thehive.received.length).toBe(before + 1);
  });

  it('fails with 404 for an observable on an unknown alert', async () => {
    const error = await plyErrorOf(run('add_an_observable_in_the_hive_v5', { alert_id: '~1', observables: [{ dataType: 'ip', data: '198.51.100.1' }] }));
    expect(error.details['status']).toBe(404);
    expect(error.message).toContain('Alert ~1 not found');
  });

  it('reads an alert back, with the observables added since its creation counted', async () => {
    const alertId = await createAlert();
    await run('add_an_observable_in_the_hive_v5', { alert_id: alertId, observables: [{ dataType: 'ip', data: '203.0.113.7' }, { dataType: 'url', data: 'https://evil.example/login' }] });
    const result = await run('get_an_alert_in_the_hive_v5', { alert_id: alertId });
    expect(thehive.received.at(-1)!.path).toBe(`/api/v1/alert/${encodeURIComponent(alertId)}`);
    expect(result.results).toMatchObject({ _id: alertId, title: 'Phishing campaign', observableCount: 3 });
  });

  it('retries after a 429 (honouring Retry-After) and then succeeds', async () => {
    const alertId = await createAlert();
    thehive.failNext.push({ status: 429, retryAfter: '1' });
    const result = await run('get_an_alert_in_the_hive_v5', { alert_id: alertId });
    expect(thehive.failNext).toHaveLength(0);
    expect(result.results).toMatchObject({ _id: alertId });
    // Retry-After: 1 s, capped at the test runtime's ceiling; the backoff alone would have waited 0 or 1 ms.
    const retry = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'HTTP request failed, retrying');
    expect(retry).toMatchObject({ status: 429, delayMs: TEST_HTTP_RETRY.maxDelayMs });
  });

  it('creates the alert once when TheHive answers 500: a resend could create it twice', async () => {
    thehive.failNext.push({ status: 500 as const, retryAfter: '0' });
    const error = await plyErrorOf(run('create_an_alert_in_the_hive_v5', { title: 't', description: 'd', type: 'external', source: 'SIEM', sourceRef: 'down-1' }));
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.details).toMatchObject({ status: 500, attempts: 1 });
    expect(thehive.failNext).toHaveLength(0);
  });

  it('times out when TheHive does not answer within the run deadline', async () => {
    const alertId = await createAlert();
    thehive.faults.delayNextMs = 5_000;
    const error = await plyErrorOf(run('get_an_alert_in_the_hive_v5', { alert_id: alertId }, { timeoutMs: 150 }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
  });

  it('refuses a configuration without the API key, naming it, before calling TheHive', async () => {
    const error = await plyErrorOf(run('get_an_alert_in_the_hive_v5', { alert_id: '~4096' }, { configuration: { base_url: server.url } }));
    expect(error.code).toBe('PLY_CONFIGURATION_INVALID');
    expect(error.message).toContain('apikey');
    expect(thehive.received).toEqual([]);
  });

  it('keeps the API keys out of every log line', async () => {
    // The lines checked are made here: a retried read, a run that fails after its retries, and a refused write with the read-only key.
    const alertId = await createAlert();
    thehive.failNext.push({ status: 429, retryAfter: '0' });
    await run('get_an_alert_in_the_hive_v5', { alert_id: alertId });
    thehive.failNext.push(...Array.from({ length: 4 }, () => ({ status: 500 as const, retryAfter: '0' })));
    expect((await plyErrorOf(run('get_an_alert_in_the_hive_v5', { alert_id: alertId }))).code).toBe('PLY_VENDOR_HTTP_ERROR');
    const readOnly = { configuration: { ...configuration, apikey: READ_ONLY_KEY } };
    expect((await plyErrorOf(run('add_an_observable_in_the_hive_v5', { alert_id: alertId, observables: [{ dataType: 'ip', data: '198.51.100.9' }] }, readOnly))).details['status']).toBe(403);
    const messages = logs.lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(['HTTP request failed, retrying', 'action failed']));
    expect(messages.filter((msg) => msg === 'action failed')).toHaveLength(2);
    expect(logs.text()).not.toContain(API_KEY);
    expect(logs.text()).not.toContain(READ_ONLY_KEY);
  });
});
