import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WAIT_FOR } from '@ply/kit/testing';
import { liveApiUrl } from '../src/liveapi/liveapi-url.js';
import { SAMPLES } from './fake-sekoia/state.js';
import { API_KEY } from './harness.js';
import { startTriggerWorld, type TriggerWorld } from './trigger-harness.js';

const ALERT = SAMPLES['sample_sicalertapi']!;
const ALERT_UUID = String(ALERT['uuid']);
const COMMENT = { uuid: '5869b4d8-e3bb-4465-baad-95daf28267c7', content: 'comment', author: 'John', date: 1567755200, created_by: 'c110d686-0b45-4ae7-b917-f15486d0f8c7', created_by_type: 'user' };

/** The event the reference emits for the sample alert (`sample_sicalertapi` has no first/last seen dates). */
const expectedEvent = (eventType: string) => ({
  file_path: expect.stringMatching(/^alert-.*\.json$/),
  event_type: eventType,
  alert_uuid: ALERT_UUID,
  short_id: 'ALTqhwoRAyqk',
  status: { name: 'Ongoing', uuid: '1f2f88d5-ff5b-48bf-bbbc-00c2fff82d9f' },
  created_at: 1567755120,
  urgency: 47,
  entity: { uuid: '20b0b40f-ee42-405e-802b-c576ff3f722d', name: 'Vessel 1235' },
  alert_type: { category: 'malicious-traffic', value: 'rat-traffic' },
  rule: { name: 'RAT LightSteelBlue', uuid: 'b686f467-fcab-412b-9633-d68982e1be82' },
  last_seen_at: null,
  first_seen_at: null,
});

type Emitted = { alert_uuid: string; event_type: string };

describe('Sekoia.io alert triggers on the LiveAPI, fed the reference samples', () => {
  let w: TriggerWorld;
  beforeEach(async () => {
    w = await startTriggerWorld();
    w.state.comments.set(ALERT_UUID, [COMMENT]);
    // A second alert, whose notification closes a test: messages are handled in order, so once
    // its event is out, every notification sent before it has been handled.
    w.state.alerts.set('sentinel', { ...structuredClone(ALERT), uuid: 'sentinel', short_id: 'ALsentinel' });
    w.state.comments.set('sentinel', [{ ...COMMENT, uuid: 'c-sentinel' }]);
  });
  afterEach(() => w.close());

  /** Sends `sample` for the sentinel alert, waits for its event, and returns the events emitted before it. */
  async function settle(trigger: ReturnType<TriggerWorld['start']>, sample = 'samplenotif_alert_created'): Promise<Emitted[]> {
    w.live.publishSample(sample, (notification) => ({ ...notification, attributes: { ...(notification['attributes'] as object), uuid: sample.includes('comment') ? 'c-sentinel' : 'sentinel', alert_uuid: 'sentinel' } }));
    await vi.waitFor(() => expect(trigger.events.some((emitted) => (emitted.event as Emitted).alert_uuid === 'sentinel')).toBe(true), WAIT_FOR);
    return trigger.events.map((emitted) => emitted.event as Emitted).filter((event) => event.alert_uuid !== 'sentinel');
  }

  it('connects with the key as access_token_cookie, asks for v2 notifications, and emits the reference event for a created alert', async () => {
    const trigger = w.start('sekoiaio_alert_created');
    await w.live.waitForUpgrades(1);
    w.live.publishSample('samplenotif_alert_updated');
    w.live.publishSample('samplenotif_alert_created');
    const [emitted] = await trigger.waitForEvents(1);
    expect(emitted!.event).toEqual(expectedEvent('alert'));
    expect(await trigger.files.readJson((emitted!.event as { file_path: string }).file_path)).toMatchObject({ uuid: ALERT_UUID, short_id: 'ALTqhwoRAyqk' });
    const enrich = w.state.requests.find((request) => request.url.startsWith(`/api/v1/sic/alerts/${ALERT_UUID}`))!;
    expect(enrich.url).toBe(`/api/v1/sic/alerts/${ALERT_UUID}?stix=false&comments=false&countermeasures=false&history=false`);
    // The LiveAPI sent the v1 copy of each notification too: it was dropped.
    expect(await settle(trigger)).toHaveLength(1);
  });

  it('drops v1 notifications, the greeting, text that is not JSON, and notifications of alerts it cannot read, and goes on', async () => {
    const trigger = w.start('sekoiaio_alert_created');
    await w.live.waitForUpgrades(1);
    w.live.publishRaw(JSON.stringify({ ...SAMPLES['samplenotif_alert_created'], metadata: { version: 1 } }));
    w.live.publishRaw(JSON.stringify({ authenticated: true }));
    w.live.publishRaw('not json');
    w.live.publishSample('samplenotif_alert_created', (sample) => ({ ...sample, attributes: { uuid: 'ALunknown' } }));
    expect(await settle(trigger)).toEqual([]);
    expect(trigger.logs.text()).toContain('invalid JSON message received from LiveAPI');
    expect(trigger.logs.text()).toContain('failed to fetch the alert from the Alert API');
  });

  it('emits status changes only for notifications that changed the status', async () => {
    const trigger = w.start('sekoiaio_alert_status_changed');
    await w.live.waitForUpgrades(1);
    w.live.publishSample('samplenotif_alert_updated');
    w.live.publishSample('samplenotif_alert_status_changed');
    w.live.publishSample('samplenotif_alert_created');
    const [emitted] = await trigger.waitForEvents(1);
    expect(emitted!.event).toEqual(expectedEvent('alert'));
    expect(await settle(trigger, 'samplenotif_alert_status_changed')).toHaveLength(1);
  });

  it('emits every update of Alert Updated', async () => {
    const trigger = w.start('sekoiaio_alert_updated');
    await w.live.waitForUpgrades(1);
    w.live.publishSample('samplenotif_alert_created');
    w.live.publishSample('samplenotif_alert_updated');
    w.live.publishSample('samplenotif_alert_status_changed');
    expect((await settle(trigger, 'samplenotif_alert_updated')).map((event) => event.alert_uuid)).toEqual([ALERT_UUID, ALERT_UUID]);
  });

  it('adds the comment read from the API to Alert Comment Created', async () => {
    const trigger = w.start('sekoiaio_alert_comment_created');
    await w.live.waitForUpgrades(1);
    w.live.publishSample('samplenotif_alert_created');
    w.live.publishSample('samplenotif_alert_comment_created');
    const [emitted] = await trigger.waitForEvents(1);
    expect(emitted!.event).toEqual({ ...expectedEvent('alert-comment'), comment: { uuid: COMMENT.uuid, content: 'comment', author: COMMENT.created_by, date: 1567755200 } });
    expect(await settle(trigger, 'samplenotif_alert_comment_created')).toHaveLength(1);
    expect(w.state.requests.some((request) => request.url === `/api/v1/sic/alerts/${ALERT_UUID}/comments/${COMMENT.uuid}`)).toBe(true);
  });

  it('emits creations, updates and comments in Any Alert Update, the comment for its alert', async () => {
    const trigger = w.start('sekoiaio_securityalert');
    await w.live.waitForUpgrades(1);
    for (const name of ['samplenotif_alert_created', 'samplenotif_alert_updated', 'samplenotif_alert_status_changed', 'samplenotif_alert_comment_created']) w.live.publishSample(name);
    const events = await settle(trigger);
    expect(events.map((event) => event.event_type)).toEqual(['alert', 'alert', 'alert', 'alert-comment']);
    expect(events.every((event) => event.alert_uuid === ALERT_UUID)).toBe(true);
  });

  it('filters by rule name or uuid, and by a list of rule names, after reading the alert', async () => {
    const byUuid = w.start('sekoiaio_alert_created', { rule_filter: 'b686f467-fcab-412b-9633-d68982e1be82' });
    const byNames = w.start('sekoiaio_alert_created', { rule_names_filter: ['Another rule'] });
    await w.live.waitForUpgrades(2);
    w.live.publishSample('samplenotif_alert_created');
    expect(await settle(byUuid)).toHaveLength(1);
    // Both triggers read both alerts; once the second has read the sentinel, it has handled the sample.
    await vi.waitFor(() => expect(w.state.requests.filter((request) => request.url.startsWith('/api/v1/sic/alerts/sentinel?')).length).toBe(2), WAIT_FOR);
    expect(byNames.events).toEqual([]);
  });

  it('reconnects with backoff after the LiveAPI drops the connection, and upgrades again', async () => {
    const trigger = w.start('sekoiaio_alert_created');
    await w.live.waitForUpgrades(1);
    w.live.dropAll();
    await w.live.waitForUpgrades(2);
    w.live.publishSample('samplenotif_alert_created');
    await trigger.waitForEvents(1);
    expect(trigger.logs.text()).toContain('LiveAPI connection lost, reconnecting');
  });

  it('drops a connection whose pings go unanswered and reconnects', async () => {
    const trigger = w.start('sekoiaio_alert_created');
    await w.live.waitForUpgrades(1);
    w.live.stopAnsweringPings();
    await w.live.waitForConnections(2);
    expect(trigger.logs.text()).toContain('no pong within 100 ms');
  });

  it('sends heartbeats on messages and pongs', async () => {
    const trigger = w.start('sekoiaio_alert_created');
    await w.live.waitForUpgrades(1);
    await vi.waitFor(() => expect(trigger.heartbeats()).toBeGreaterThanOrEqual(3), WAIT_FOR);
  });

  it('stops at once with a configuration error when the API key is refused, without connecting', async () => {
    const trigger = w.start('sekoiaio_alert_created', {}, { apiKey: 'wrong-key-0000' });
    await expect(trigger.waitForEvents(1)).rejects.toMatchObject({ code: 'PLY_CONFIGURATION_INVALID' });
    expect(w.live.connections()).toBe(0);
  });

  it('stops with a configuration error when the LiveAPI refuses the key the REST API took', async () => {
    const other = await startTriggerWorld({}, 'another-key-for-the-liveapi');
    try {
      const trigger = other.start('sekoiaio_alert_created');
      const error = await trigger.waitForEvents(1).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'PLY_CONFIGURATION_INVALID', message: 'the LiveAPI refused the Sekoia.io API key (HTTP 401)' });
    } finally {
      await other.close();
    }
  });

  it('stops when its signal aborts, and never logs the API key', async () => {
    const trigger = w.start('sekoiaio_alert_created');
    await w.live.waitForUpgrades(1);
    expect(await trigger.stop()).toBeUndefined();
    expect(trigger.logs.text()).toContain('LiveAPI connected');
    expect(trigger.logs.text()).not.toContain(API_KEY);
  });
});

describe('LiveAPI URL', () => {
  it.each([
    [{ base_url: 'https://app.sekoia.io/' }, 'wss://app.sekoia.io/live/'],
    [{ base_url: 'https://api.sekoia.io' }, 'wss://app.sekoia.io/live/'],
    [{ base_url: 'https://api.test.sekoia.io/api' }, 'wss://app.test.sekoia.io/live/'],
    [{ base_url: 'https://app.usa1.sekoia.io/' }, 'wss://app.usa1.sekoia.io/live/'],
    [{ base_url: 'http://127.0.0.1:8080/' }, 'ws://127.0.0.1:8080/live/'],
    [{ base_url: 'https://app.sekoia.io/', liveapi_url: 'wss://live.example/' }, 'wss://live.example/'],
  ])('for %o is %s', (configuration, url) => {
    expect(liveApiUrl(configuration)).toBe(url);
  });
});
