import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runTestTrigger, startFakeServer, WAIT_FOR, type FakeServer, type TestTriggerRun } from '@ply/kit/testing';
import { createSekoiaIoPlugin } from '../src/index.js';
import { fakeSekoia } from './fake-sekoia/fake-sekoia.js';
import { startFakeLiveApi } from './fake-sekoia/liveapi.js';
import { API_KEY } from './harness.js';

const plugin = createSekoiaIoPlugin({ liveApi: { reconnectBaseMs: 5, reconnectMaxMs: 20, pingIntervalMs: 1_000 } });
const ALERT = {
  uuid: '0c8dd6b4-4a8c-4e58-a3a6-8e8b8e3c1a11',
  short_id: 'ALxyz123',
  title: 'Suspicious PowerShell',
  urgency: { current_value: 80, value: 80 },
  status: { uuid: '2efc4930-1442-4abb-acf2-58ba219a4fd0', name: 'Pending', description: 'waiting' },
  rule: { uuid: 'r-1', name: 'PowerShell download cradle', pattern: 'secret pattern' },
  entity: { uuid: 'e-1', name: 'Main entity' },
  alert_type: { category: 'malicious-code', value: 'malware' },
  created_at: 1764400000,
  first_seen_at: '2026-11-29T10:00:00Z',
  last_seen_at: '2026-11-29T10:05:00Z',
};
const notification = (type: string, action: string, attributes: Record<string, unknown>) => ({ event_version: 1, event_type: type.split('-')[0], type, action, attributes });

describe('Sekoia.io alert triggers on the LiveAPI', () => {
  // A fresh fake API (alerts, comments, requests) and LiveAPI per test.
  let fake: ReturnType<typeof fakeSekoia>;
  let api: FakeServer;
  let live: Awaited<ReturnType<typeof startFakeLiveApi>>;
  let run: TestTriggerRun | undefined;

  beforeEach(async () => {
    fake = fakeSekoia(API_KEY);
    api = await startFakeServer(fake.app.fetch);
    live = await startFakeLiveApi(API_KEY);
    fake.state.alerts.set(ALERT.uuid, structuredClone(ALERT));
    fake.state.alerts.set('other', { ...structuredClone(ALERT), uuid: 'other', short_id: 'ALother', rule: { uuid: 'r-2', name: 'Other rule' } });
    fake.state.comments.set(ALERT.uuid, [{ uuid: 'c-1', content: 'Seen it', author: 'ply', date: 1764400100, created_by: 'user-9', created_by_type: 'user' }]);
  });
  afterEach(async () => {
    await run?.stop();
    run = undefined;
    await live.close();
    await api.close();
  });

  const start = (slug: string, args: Record<string, unknown> = {}, apiKey = API_KEY) => {
    run = runTestTrigger({
      plugin,
      trigger: slug,
      configuration: { base_url: api.url, api_key: apiKey, liveapi_url: live.url },
      arguments: args,
      settings: { httpRetry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 } },
    });
    return run;
  };

  it('emits the reference event for a created alert, enriched with Get Alert, the alert saved to a file', async () => {
    const trigger = start('sekoiaio_alert_created');
    await live.waitForConnections(1);
    live.publish(notification('alert', 'updated', { uuid: ALERT.uuid }));
    live.publish(notification('alert', 'created', { uuid: ALERT.uuid }));
    const [emitted] = await trigger.waitForEvents(1);
    expect(emitted!.event).toEqual({
      file_path: expect.stringMatching(/^alert-.*\.json$/),
      event_type: 'alert',
      alert_uuid: ALERT.uuid,
      short_id: 'ALxyz123',
      status: { name: 'Pending', uuid: ALERT.status.uuid },
      created_at: 1764400000,
      urgency: 80,
      entity: ALERT.entity,
      alert_type: ALERT.alert_type,
      rule: { name: 'PowerShell download cradle', uuid: 'r-1' },
      first_seen_at: ALERT.first_seen_at,
      last_seen_at: ALERT.last_seen_at,
    });
    const path = (emitted!.event as { file_path: string }).file_path;
    expect(await trigger.files.readJson(path)).toMatchObject({ uuid: ALERT.uuid, title: 'Suspicious PowerShell' });
    const enrich = fake.state.requests.find((request) => request.url.startsWith(`/api/v1/sic/alerts/${ALERT.uuid}?`))!;
    expect(enrich.url).toBe(`/api/v1/sic/alerts/${ALERT.uuid}?stix=false&comments=false&countermeasures=false&history=false`);
    expect(trigger.events).toHaveLength(1);
  });

  it('emits status changes only when the notification says the status changed', async () => {
    const trigger = start('sekoiaio_alert_status_changed');
    await live.waitForConnections(1);
    live.publish(notification('alert', 'updated', { uuid: 'other', updated: { title: 'x' } }));
    live.publish(notification('alert', 'updated', { uuid: ALERT.uuid, updated: { status: 'Closed' } }));
    const [emitted] = await trigger.waitForEvents(1);
    expect(emitted!.event).toMatchObject({ alert_uuid: ALERT.uuid });
  });

  it('applies rule_filter (name or uuid) and rule_names_filter after enrichment', async () => {
    const trigger = start('sekoiaio_alert_updated', { rule_names_filter: ['Other rule'] });
    await live.waitForConnections(1);
    live.publish(notification('alert', 'updated', { uuid: ALERT.uuid }));
    live.publish(notification('alert', 'updated', { uuid: 'other' }));
    const [emitted] = await trigger.waitForEvents(1);
    expect(emitted!.event).toMatchObject({ alert_uuid: 'other', short_id: 'ALother' });
  });

  it('adds the comment to the comment-created event', async () => {
    const trigger = start('sekoiaio_alert_comment_created', { rule_filter: 'r-1' });
    await live.waitForConnections(1);
    live.publish(notification('alert-comment', 'created', { uuid: 'c-1', alert_uuid: ALERT.uuid }));
    const [emitted] = await trigger.waitForEvents(1);
    expect(emitted!.event).toMatchObject({
      alert_uuid: ALERT.uuid,
      comment: { uuid: 'c-1', content: 'Seen it', author: 'user-9', date: 1764400100 },
    });
  });

  it('skips bad notifications (not JSON, wrong version, unknown alert) and keeps going', async () => {
    const trigger = start('sekoiaio_alert_created');
    await live.waitForConnections(1);
    live.publish('not json');
    live.publish({ ...notification('alert', 'created', { uuid: ALERT.uuid }), event_version: 2 });
    live.publish(notification('alert', 'created', { uuid: 'ALunknown' }));
    live.publish(notification('alert', 'created', { uuid: ALERT.uuid }));
    await trigger.waitForEvents(1);
    expect(trigger.events).toHaveLength(1);
    expect(trigger.logs.text()).toContain('invalid JSON message received from LiveAPI');
    expect(trigger.logs.text()).toContain('Alert ALunknown not found');
  });

  it('reconnects with backoff after the LiveAPI drops the connection', async () => {
    const trigger = start('sekoiaio_alert_created');
    await live.waitForConnections(1);
    live.dropAll();
    await live.waitForConnections(2);
    live.publish(notification('alert', 'created', { uuid: ALERT.uuid }));
    await trigger.waitForEvents(1);
    expect(trigger.logs.text()).toContain('LiveAPI connection lost, reconnecting');
    // The first reconnection waits the plugin's base delay (5 ms here) plus jitter, within its ceiling (20 ms).
    const lost = trigger.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'LiveAPI connection lost, reconnecting')!;
    expect(lost['attempt']).toBe(1);
    expect(lost['delayMs']).toBeGreaterThanOrEqual(5);
    expect(lost['delayMs']).toBeLessThanOrEqual(20);
  });

  it('stops when the signal aborts, and never logs the API key', async () => {
    const trigger = start('sekoiaio_alert_created');
    await live.waitForConnections(1);
    // A notification enriched with the key-bearing API, so the log holds the lines the key could leak into.
    live.publish(notification('alert', 'created', { uuid: ALERT.uuid }));
    await trigger.waitForEvents(1);
    expect(await trigger.stop()).toBeUndefined();
    run = undefined;
    // Stopped means the LiveAPI connection is closed too.
    await vi.waitFor(() => expect(live.open()).toBe(0), WAIT_FOR);
    const messages = trigger.logs.lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(['starting LiveAPI consumer', 'LiveAPI connected', 'alert notification']));
    expect(trigger.logs.text()).not.toContain(API_KEY);
  });

  it('fails at once with a configuration error when the API key is refused', async () => {
    const trigger = start('sekoiaio_alert_created', {}, 'wrong-key-0000');
    await expect(trigger.waitForEvents(1)).rejects.toMatchObject({ code: 'PLY_CONFIGURATION_INVALID' });
    expect(live.connections()).toBe(0);
  });
});
