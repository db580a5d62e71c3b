import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import type { FakeEvent } from './fake-misp.js';
import { mispHarness, published } from './misp-harness.js';

const { setup } = mispHarness();

describe('MISP publish_event', () => {
  it('adds the event with POST /events/add, publishes it, and returns the published event', async () => {
    const { fake, run } = await setup();
    const result = (await run('publish_event', { event: { info: 'Phishing wave', Attribute: [{ type: 'domain', value: 'evil.example' }] } })).results as { event: FakeEvent };
    expect(result.event).toMatchObject({ id: '1', info: 'Phishing wave', published: true });
    expect(fake.state.events[0]!.published).toBe(true);
  });

  it('reads event_path and writes the published event to a file', async () => {
    const { run, dataDir } = await setup();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dataDir, 'in.json'), JSON.stringify({ Event: { info: 'From file' } }));
    const result = (await run('publish_event', { event_path: 'in.json' })).results as { event_path: string };
    expect((JSON.parse(readFileSync(join(dataDir, result.event_path), 'utf8')) as { Event: FakeEvent }).Event).toMatchObject({ info: 'From file', published: true });
  });

  it('refuses an event without info, naming it, before any call', async () => {
    const { fake, run } = await setup();
    const error = (await plyErrorOf(run('publish_event', { event: { Attribute: [] } })));
    expect(error?.code).toBe('PLY_INVALID_INPUT');
    expect(error?.message).toContain('info');
    expect(fake.state.events).toHaveLength(0);
  });

  it('says the credentials were refused on a bad key, and never shows the key', async () => {
    const { run, configuration, logs } = await setup();
    const error = (await plyErrorOf(run('publish_event', { event: { info: 'x' } }, { ...configuration, misp_api_key: 'wrong-canary-Key+1' })));
    expect(error?.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error?.message).toMatch(/403|refused/);
    expect(JSON.stringify({ message: error.message, details: error.details }) + logs.text()).not.toContain('wrong-canary');
  });
});

describe('MISP misp_to_stix', () => {
  it('converts an event through the STIX model: a report with an indicator for a to_ids attribute', async () => {
    const { run } = await setup();
    const { bundle } = (await run('misp_to_stix', { event: { Event: published(1, 1_764_000_000) } })).results as { bundle: { type: string; objects: Array<{ type: string; pattern?: string }> } };
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.map((o) => o.type)).toEqual(expect.arrayContaining(['report', 'indicator']));
    expect(bundle.objects.find((o) => o.type === 'indicator')?.pattern).toContain('198.51.100.1');
  });

  it('refuses what is not a MISP event with PLY_INVALID_INPUT', async () => {
    const { run } = await setup();
    expect((await plyErrorOf(run('misp_to_stix', { event: { nope: 1 } })))?.code).toBe('PLY_INVALID_INPUT');
  });
});

describe('MISP New Event trigger', () => {
  it('emits each published event once, oldest first, over several restSearch pages', async () => {
    const { fake, configuration, start } = await setup();
    const now = Math.floor(Date.now() / 1000);
    for (let n = 1; n <= 60; n += 1) fake.state.events.push(published(n, now - 1));
    const trigger = start(configuration);
    const events = await trigger.waitForEvents(60);
    expect(new Set(events.map((e) => (e.event as { event: FakeEvent }).event.uuid)).size).toBe(60);
    expect(fake.state.searches.some((s) => s['page'] === 2)).toBe(true);
    await expect.poll(() => fake.state.searches.length).toBeGreaterThan(3);
    expect(trigger.events).toHaveLength(60);
  });

  it('resumes from its checkpoint after a restart without re-emitting', async () => {
    const { fake, configuration, start } = await setup();
    const now = Math.floor(Date.now() / 1000);
    fake.state.events.push(published(1, now - 2), published(2, now - 1));
    const first = start(configuration);
    await first.waitForEvents(2);
    await first.stop();
    const saved = first.checkpoint();
    expect(saved).toEqual({ publish_timestamp: now - 1, uuids: [published(2, 0).uuid] });
    fake.state.events.push(published(3, now));
    const second = start(configuration, saved);
    const events = await second.waitForEvents(1);
    expect((events[0]!.event as { event: FakeEvent }).event.uuid).toBe(published(3, 0).uuid);
    await expect.poll(() => fake.state.searches.length).toBeGreaterThan(6);
    expect(second.events).toHaveLength(1);
  });

  it('keeps polling after MISP fails (5xx), then emits', async () => {
    const { fake, configuration, start } = await setup();
    fake.state.failNext = 6;
    fake.state.events.push(published(1, Math.floor(Date.now() / 1000)));
    const trigger = start(configuration);
    const events = await trigger.waitForEvents(1, 15_000);
    expect(events).toHaveLength(1);
    expect(fake.state.failNext).toBe(0);
  });

  it('stops with a clear status when the key is refused', async () => {
    const { configuration, start } = await setup();
    const trigger = start({ ...configuration, misp_api_key: 'bad-canary-key' });
    await expect(trigger.waitForEvents(1, 5_000)).rejects.toThrow(/refused/);
  });
});
