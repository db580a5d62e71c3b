import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestPly, plyErrorOf, startFakeServer, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeTheHive4 } from './fake-thehive4.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const API_KEY = 'th4-secret-key-8c1f';

/** The alert and events of the reference module's own test (`TheHive/tests/test_create_alert.py`). */
const ALERT = {
  uuid: '4764296a-f8d5-485f-92f1-bf4b28885ef6',
  short_id: 'AL123456789',
  urgency: { severity: 95 },
  created_at: '1643972499',
  title: 'An Alert',
  details: 'Lorem ipsum dolor',
  alert_type: { category: 'information-gathering', value: 'scanner' },
  stix: {},
};
const EVENTS = [{ 'source.ip': '1.2.3.4' }, { 'source.ip': '6.7.8.9' }];

describe('TheHive 4 Create an alert through the executor', () => {
  let fake: ReturnType<typeof fakeTheHive4>;
  let server: FakeServer;
  let run: (args: Record<string, unknown>, configuration?: Record<string, unknown>) => ReturnType<ReturnType<typeof createTestPly>['ply']['run']>;
  let configuration: Record<string, unknown>;
  let logs: ReturnType<typeof createTestPly>['logs'];
  beforeEach(async () => {
    fake = fakeTheHive4(API_KEY);
    server = await startFakeServer(fake.app.fetch);
    configuration = { base_url: server.url, apikey: API_KEY, organisation: 'SEKOIA' };
    const test = createTestPly({ plugins: [{ moduleDir, plugin }] });
    logs = test.logs;
    run = (args, config = configuration) => test.ply.run({ action: 'thehive.create_an_alert_in_the_hive', arguments: args, configuration: config });
  });
  afterEach(() => server.close());

  it("creates the alert the reference derives from a Sekoia.io alert, with the Bearer key and the organisation", async () => {
    const { results } = await run({ alert: ALERT });
    const request = fake.received.at(-1)!;
    expect([request.path, request.authorization, request.organisation]).toEqual(['/api/alert', `Bearer ${API_KEY}`, 'SEKOIA']);
    const link = 'https://app.sekoia.io/operations/alerts/AL123456789';
    expect(request.body).toEqual({
      tlp: 2,
      pap: 2,
      tags: [],
      title: 'An Alert',
      type: 'information-gathering/scanner',
      source: 'Sekoia.io',
      sourceRef: 'AL123456789',
      severity: 4,
      date: 1643972499000,
      externalLink: link,
      description: `type: information-gathering/scanner\r\nlink: ${link}\r\ndetails: Lorem ipsum dolor`,
      artifacts: [],
    });
    expect(results).toMatchObject({ id: expect.stringMatching(/^~\d+$/), createdAt: expect.any(Number), status: 'New', customFields: {} });
  });

  it('turns the events into artifacts with the reference mapping, tags and flags, a value once', async () => {
    await run({ alert: ALERT, events: [...EVENTS, { 'source.ip': '1.2.3.4', 'host.name': ['ws-1', 'ws-2'], 'event.dataset': 'x' }], artifact_tlp: 3, artifact_sighted: false });
    expect((fake.received.at(-1)!.body as { artifacts: unknown[] }).artifacts).toEqual([
      { dataType: 'ip', data: '1.2.3.4', tlp: 3, ioc: false, sighted: false, ignoreSimilarity: true, tags: ['sekoia:type=source.ip'] },
      { dataType: 'ip', data: '6.7.8.9', tlp: 3, ioc: false, sighted: false, ignoreSimilarity: true, tags: ['sekoia:type=source.ip'] },
      { dataType: 'hostname', data: 'ws-1', tlp: 3, ioc: false, sighted: false, ignoreSimilarity: true, tags: ['sekoia:type=host.name'] },
      { dataType: 'hostname', data: 'ws-2', tlp: 3, ioc: false, sighted: false, ignoreSimilarity: true, tags: ['sekoia:type=host.name'] },
    ]);
  });

  it('fails when TheHive refuses the alert (a second one with the same sourceRef), with its message', async () => {
    await run({ alert: ALERT });
    const error = await plyErrorOf(run({ alert: ALERT }));
    expect([error.code, error.details['status'], error.message]).toEqual(['PLY_VENDOR_HTTP_ERROR', 400, expect.stringContaining('already exists')]);
  });

  it('refuses a Sekoia.io alert without a title or short id before calling TheHive', async () => {
    const error = await plyErrorOf(run({ alert: { details: 'no identity' } }));
    expect([error.code, error.message]).toEqual(['PLY_ARGUMENTS_INVALID', 'the Sekoia.io alert has no title nor short_id']);
    expect(fake.received).toHaveLength(0);
  });

  it('says the credentials were refused, an unknown key (401) or organisation (403), never showing the key', async () => {
    const unknown = await plyErrorOf(run({ alert: ALERT }, { ...configuration, apikey: 'th4-wrong-key' }));
    const organisation = await plyErrorOf(run({ alert: ALERT }, { ...configuration, organisation: 'OTHER' }));
    expect([unknown.details['status'], organisation.details['status']]).toEqual([401, 403]);
    expect(logs.text()).toContain('action failed');
    expect(JSON.stringify([unknown, logs.lines])).not.toContain('th4-wrong-key');
  });

  it('requires the organisation, as the reference does', async () => {
    const error = await plyErrorOf(run({ alert: ALERT }, { base_url: server.url, apikey: API_KEY }));
    expect([error.code, error.message]).toEqual(['PLY_CONFIGURATION_INVALID', expect.stringContaining('organisation')]);
  });

  it('retries a 429 and sends the creation once on a 5xx', async () => {
    fake.faults.failNext.push({ status: 429, retryAfter: '0' });
    await run({ alert: ALERT });
    fake.faults.failNext.push({ status: 502, retryAfter: '0' });
    const error = await plyErrorOf(run({ alert: { ...ALERT, short_id: 'AL2' } }));
    expect(error.details).toMatchObject({ status: 502, attempts: 1 });
  });
});
