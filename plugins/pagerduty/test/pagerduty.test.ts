import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ply } from '@ply/core';
import { createTestPly, startFakeServer, TEST_HTTP_RETRY, type FakeServer, plyErrorOf } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakePagerDuty } from './fake-pagerduty.js';
import { ALERT, fakeSekoiaAlerts } from './fake-sekoia.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
/** PagerDuty integration keys are 32 characters. */
const ROUTING_KEY = 'pdkey0secret1a2b3c4d5e6f7a8b9c0d';
const SEKOIA_KEY = 'sk-pd-test-91c4e0';
const SEKOIA_READ_ONLY_KEY = 'sk-pd-readonly-55aa';


describe('PagerDuty plugin through the executor', () => {
  // A fresh pair of fakes, runtime and log per test: no test sees the events, alerts, faults or log lines of another.
  let pagerDuty: ReturnType<typeof fakePagerDuty>;
  let sekoia: ReturnType<typeof fakeSekoiaAlerts>;
  let pagerDutyServer: FakeServer;
  let sekoiaServer: FakeServer;
  let ply: Ply;
  let logs: ReturnType<typeof createTestPly>['logs'];
  let configuration: Record<string, unknown>;
  let trigger: (args?: Record<string, unknown>, extra?: { configuration?: Record<string, unknown>; timeoutMs?: number }) => Promise<{ results: unknown }>;

  beforeEach(async () => {
    pagerDuty = fakePagerDuty();
    sekoia = fakeSekoiaAlerts(SEKOIA_KEY, SEKOIA_READ_ONLY_KEY);
    pagerDutyServer = await startFakeServer(pagerDuty.app.fetch);
    sekoiaServer = await startFakeServer(sekoia.app.fetch);
    configuration = { integration_key: ROUTING_KEY, integration_url: `${pagerDutyServer.url}v2/enqueue` };
    ({ ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] }));
    trigger = (args = {}, extra = {}) =>
      ply.run({
        action: 'pagerduty.trigger_alert',
        arguments: { alert_uuid: ALERT.uuid, api_key: SEKOIA_KEY, base_url: sekoiaServer.url, app_url: 'https://app.example.sekoia.io/', ...args },
        configuration: extra.configuration ?? configuration,
        ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}),
      });
  });
  afterEach(async () => {
    await pagerDutyServer.close();
    await sekoiaServer.close();
  });

  it('reads the Sekoia.io alert, then triggers a PagerDuty alert keyed by its short id', async () => {
    expect(ROUTING_KEY).toHaveLength(32);
    const result = await trigger();
    const event = pagerDuty.received.at(-1)!;
    expect(event).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'ALxyz123',
      payload: {
        summary: 'Suspicious PowerShell',
        source: 'Main entity',
        severity: 'critical',
        class: 'malicious-code - malware',
        custom_details: { source: '10.0.0.4', target: 'WS-042', details: 'Detected on host WS-042', rule: 'PowerShell download cradle', urgency: 80 },
      },
      images: [{ src: 'https://app.example.sekoia.io/assets/logos/sekoiaio-black.svg', href: 'https://app.example.sekoia.io/', alt: 'Sekoia.io' }],
      links: [{ href: 'https://app.example.sekoia.io/operations/alerts/ALxyz123', text: 'Alert details' }],
      client: 'Sekoia.io Security Service',
      client_url: 'https://app.example.sekoia.io/',
    });
    const { routing_key: _routingKey, ...withoutKey } = event;
    expect(result.results).toEqual({ ...withoutKey, status: 'success', message: 'Event processed' });
  });

  it('maps the urgency to a PagerDuty severity as the reference module does', async () => {
    const severities: string[] = [];
    for (const [shortId, urgency] of [['ALlow', 10], ['ALmid', 30], ['ALhigh', 60], ['ALedge', 75]] as const) {
      sekoia.alerts.set(shortId, { ...ALERT, short_id: shortId, urgency: { current_value: urgency } });
      await trigger({ alert_uuid: shortId });
      severities.push((pagerDuty.received.at(-1)!['payload'] as { severity: string }).severity);
    }
    expect(severities).toEqual(['info', 'warning', 'error', 'critical']);
  });

  it('fails with 401 when the Sekoia.io key is wrong, sends nothing to PagerDuty and never shows the key', async () => {
    const before = pagerDuty.received.length;
    const error = await plyErrorOf(trigger({ api_key: 'sk-wrong-key-778899' }));
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.details['status']).toBe(401);
    expect(error.message).toContain('Unauthorized');
    expect(pagerDuty.received.length).toBe(before);
    expect(JSON.stringify(error)).not.toContain('sk-wrong-key-778899');
    expect(logs.text()).toContain('action failed');
    expect(logs.text()).not.toContain('sk-wrong-key-778899');
  });

  it('fails with 403 and Sekoia.io\'s message when the key may not read alerts', async () => {
    const error = await plyErrorOf(trigger({ api_key: SEKOIA_READ_ONLY_KEY }));
    expect(error.details['status']).toBe(403);
    expect(error.message).toContain('SIC_READ_ALERTS');
    expect(JSON.stringify(error)).not.toContain(SEKOIA_READ_ONLY_KEY);
  });

  it('passes PagerDuty\'s validation errors through on 400, without retrying or showing the key', async () => {
    const badKey = 'pd-too-short-key';
    const before = pagerDuty.received.length;
    const error = await plyErrorOf(trigger({}, { configuration: { ...configuration, integration_key: badKey } }));
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.details['status']).toBe(400);
    expect(error.message).toContain("Event object is invalid: Length of 'routing_key' is incorrect (should be 32 characters)");
    expect(pagerDuty.received.length).toBe(before + 1);
    expect(JSON.stringify(error)).not.toContain(badKey);
    expect(logs.text()).toContain('action failed');
    expect(logs.text()).not.toContain(badKey);
  });

  it('retries after a 429 (honouring Retry-After) and then succeeds', async () => {
    pagerDuty.failNext.push({ status: 429, retryAfter: '1' });
    const result = await trigger();
    expect(pagerDuty.failNext).toHaveLength(0);
    expect(result.results).toMatchObject({ status: 'success', dedup_key: 'ALxyz123' });
    // Retry-After: 1 s, capped at the test runtime's ceiling; the backoff alone would have waited 0 or 1 ms.
    const retry = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'HTTP request failed, retrying');
    expect(retry).toMatchObject({ status: 429, delayMs: TEST_HTTP_RETRY.maxDelayMs });
  });

  it('gives up after the retries when PagerDuty keeps answering 502', async () => {
    pagerDuty.failNext.push(...Array.from({ length: 4 }, () => ({ status: 502 as const, retryAfter: '0' })));
    const error = await plyErrorOf(trigger());
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.details).toMatchObject({ status: 502, attempts: 4 });
    expect(error.message).toContain('upstream unavailable (502)');
  });

  it('times out when PagerDuty does not answer within the run deadline', async () => {
    pagerDuty.state.delayNextMs = 5_000;
    const error = await plyErrorOf(trigger({}, { timeoutMs: 300 }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
  });

  it.each([
    ['pagerduty.acknowledge_alert', 'acknowledge'],
    ['pagerduty.resolve_alert', 'resolve'],
  ])('%s sends a %s event for the dedup_key', async (action, eventAction) => {
    const result = await ply.run({ action, arguments: { dedup_key: 'ALxyz123' }, configuration });
    expect(pagerDuty.received.at(-1)).toEqual({ routing_key: ROUTING_KEY, event_action: eventAction, dedup_key: 'ALxyz123' });
    expect(result.results).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'ALxyz123', event_action: eventAction });
  });

  it('refuses to acknowledge without a dedup_key, before calling PagerDuty', async () => {
    const before = pagerDuty.received.length;
    const error = await plyErrorOf(ply.run({ action: 'pagerduty.acknowledge_alert', arguments: {}, configuration }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('dedup_key');
    expect(pagerDuty.received.length).toBe(before);
  });

  it('refuses a configuration without the integration key, naming it', async () => {
    const error = await plyErrorOf(ply.run({ action: 'pagerduty.resolve_alert', arguments: { dedup_key: 'x' }, configuration: {} }));
    expect(error.code).toBe('PLY_CONFIGURATION_INVALID');
    expect(error.message).toContain('integration_key');
  });

  it('keeps the integration key and the Sekoia.io key out of every log line', async () => {
    // The lines checked are made here: a retried 429, a run that fails after its retries, and an acknowledgement.
    pagerDuty.failNext.push({ status: 429, retryAfter: '0' });
    await trigger();
    pagerDuty.failNext.push(...Array.from({ length: 4 }, () => ({ status: 502 as const, retryAfter: '0' })));
    expect((await plyErrorOf(trigger())).code).toBe('PLY_VENDOR_HTTP_ERROR');
    await ply.run({ action: 'pagerduty.acknowledge_alert', arguments: { dedup_key: 'ALxyz123' }, configuration });
    const messages = logs.lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(['HTTP request failed, retrying', 'action failed']));
    expect(logs.text()).not.toContain(ROUTING_KEY);
    expect(logs.text()).not.toContain(SEKOIA_KEY);
  });
});
