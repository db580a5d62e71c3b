import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WAIT_FOR } from '@ply/kit/testing';
import { startTriggerWorld, type TriggerWorld } from './trigger-harness.js';

const FEED = 'd6092c37-d8d7-45c3-8aff-c4dc26030608';
const objects = (count: number, extra: (i: number) => Record<string, unknown> = () => ({})) =>
  Array.from({ length: count }, (_, i) => ({ id: `indicator--${i}`, type: i % 2 ? 'indicator' : 'malware', name: `object ${i}`, ...extra(i) }));

describe('Sekoia.io feed triggers', () => {
  let w: TriggerWorld;
  beforeEach(async () => {
    w = await startTriggerWorld({ feed: { frequencyMs: 20, errorDelayMs: 5 } });
  });
  afterEach(() => w.close());

  const feedRequests = () => w.state.requests.filter((request) => request.url.includes('/collections/')).map((request) => Object.fromEntries(new URL(request.url, 'http://x').searchParams));

  it('emits the feed in batches written to files, the first pass without revoked objects, and keeps the cursor', async () => {
    w.state.feeds.set(FEED, objects(5));
    const trigger = w.start('sekoiaio_feed_consumption', { batch_size_limit: 2 });
    const events = await trigger.waitForEvents(3);
    const batches = await Promise.all(events.map((emitted) => trigger.files.readJson<Array<{ id: string }>>((emitted.event as { stix_objects_path: string }).stix_objects_path)));
    expect(batches.map((batch) => batch.map((object) => object.id))).toEqual([['indicator--0', 'indicator--1'], ['indicator--2', 'indicator--3'], ['indicator--4']]);
    expect(feedRequests()[0]).toEqual({ limit: '2', include_revoked: 'false', skip_expired: 'true' });
    expect(feedRequests()[1]).toMatchObject({ cursor: '2' });
    expect(trigger.checkpoint()).toEqual({ cursors: { [FEED]: '5' } });
  });

  it('resumes from its checkpoint after a restart, and reads revoked objects once the feed was read whole', async () => {
    w.state.feeds.set(FEED, objects(3));
    const trigger = w.start('sekoiaio_feed_consumption', { batch_size_limit: 10 }, { checkpoint: { cursors: { [FEED]: '2' } } });
    const [emitted] = await trigger.waitForEvents(1);
    expect(await trigger.files.readJson((emitted!.event as { stix_objects_path: string }).stix_objects_path)).toEqual([objects(3)[2]]);
    await vi.waitFor(() => expect(feedRequests().length).toBeGreaterThanOrEqual(2), WAIT_FOR);
    expect(feedRequests()[0]).toMatchObject({ cursor: '2', include_revoked: 'false' });
    expect(feedRequests()[1]).toMatchObject({ cursor: '3', include_revoked: 'true' });
  });

  it('starts from modified_after when there is no cursor', async () => {
    w.state.feeds.set(FEED, objects(1));
    const trigger = w.start('sekoiaio_feed_consumption', { modified_after: '2024-04-12T23:20:50.52Z' });
    await trigger.waitForEvents(1);
    expect(feedRequests()[0]).toMatchObject({ modified_after: '2024-04-12T23:20:50.52Z' });
  });

  it('keeps valid indicators only in the IOC feed', async () => {
    w.state.feeds.set(FEED, objects(4));
    const trigger = w.start('sekoiaio_feed_ioc_consumption', { batch_size_limit: 10 });
    const [emitted] = await trigger.waitForEvents(1);
    expect((await trigger.files.readJson<Array<{ type: string }>>((emitted!.event as { stix_objects_path: string }).stix_objects_path)).map((object) => object.type)).toEqual(['indicator', 'indicator']);
    expect(feedRequests()[0]).toEqual({ limit: '10', include_revoked: 'false', skip_expired: 'true', 'match[type]': 'indicator' });
  });

  it('resolves the sources of the objects when asked, once per source', async () => {
    w.state.intelObjects.set('identity--s1', { id: 'identity--s1', name: 'Sekoia.io', confidence: 90 });
    w.state.feeds.set(FEED, objects(2, () => ({ x_inthreat_sources_refs: ['identity--s1', 'identity--gone'] })));
    const trigger = w.start('sekoiaio_feed_consumption', { resolve_sources: true });
    const [emitted] = await trigger.waitForEvents(1);
    const batch = await trigger.files.readJson<Array<{ x_inthreat_sources: unknown[] }>>((emitted!.event as { stix_objects_path: string }).stix_objects_path);
    expect(batch[0]!.x_inthreat_sources).toEqual([{ name: 'Sekoia.io', confidence: 90 }, 'identity--gone']);
    expect(w.state.requests.filter((request) => request.url.startsWith('/api/v2/inthreat/objects?'))).toHaveLength(1);
  });

  it('stops when the first fetch fails (an unknown feed), with the API status', async () => {
    const trigger = w.start('sekoiaio_feed_consumption', { feed_id: 'nope' });
    await expect(trigger.waitForEvents(1)).rejects.toMatchObject({ code: 'PLY_VENDOR_HTTP_ERROR', details: { status: 404 } });
  });

  it('retries a failing fetch once a first one worked', async () => {
    w.state.feeds.set(FEED, objects(1));
    const trigger = w.start('sekoiaio_feed_consumption');
    await trigger.waitForEvents(1);
    w.faults.inject({ status: 500, path: /collections/, times: 3 });
    w.state.feeds.get(FEED)!.push(...objects(2).map((object) => ({ ...object, id: `${object.id}-new` })));
    await trigger.waitForEvents(2);
    expect(trigger.logs.text()).toContain('failed to get data from the feed');
  });

  it('stops with a configuration error when the key is refused', async () => {
    w.state.feeds.set(FEED, objects(1));
    const trigger = w.start('sekoiaio_feed_consumption', {}, { apiKey: 'wrong-key' });
    await expect(trigger.waitForEvents(1)).rejects.toMatchObject({ code: 'PLY_CONFIGURATION_INVALID' });
  });
});

describe('Sekoia.io Manual Trigger', () => {
  it('waits until it is stopped: its runs are started by the API or the console with {alert_uuid}', async () => {
    const w = await startTriggerWorld();
    try {
      const trigger = w.start('sekoiaio_alert_webhook');
      await vi.waitFor(() => expect(trigger.logs.text()).toContain('manual trigger ready'), WAIT_FOR);
      expect(await trigger.stop()).toBeUndefined();
      expect(trigger.events).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
