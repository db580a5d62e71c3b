import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestPly, plyErrorOf, runTestTrigger, secretLeaks, startFakeServer, stopAfterEach, type FaultInjection, type TestTriggerRun } from '@ply/kit/testing';
import type { PlySettings } from '@ply/core';
import plugin from '../src/index.js';
import { fakeConfig, fakeMwdb, sampleFile } from './fake-mwdb.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const API_KEY = 'mwdb-canary-Key+5e1f/a7%b2';

const track = stopAfterEach(afterEach);

async function setup() {
  const fake = fakeMwdb(API_KEY);
  const server = track(await startFakeServer(fake.app.fetch));
  const configuration = { api_key: API_KEY, api_url: `${server.url}api/` };
  const start = (checkpoint?: unknown, config: Record<string, unknown> = configuration, settings: Partial<PlySettings> = {}) => {
    return track(runTestTrigger({ plugin, moduleDir, trigger: 'get_new_configs', configuration: config, arguments: { interval: 0.02 }, settings, ...(checkpoint === undefined ? {} : { checkpoint }) }));
  };
  return { fake, configuration, start };
}

type Event = { id: string; family: string; config_type: string; cfg: Record<string, unknown>; files: Array<Record<string, unknown>> };
const idsOf = (trigger: TestTriggerRun) => trigger.events.map((e) => (e.event as Event).id);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => fakeConfig(from + index));

describe('MWDB Get new configs trigger', () => {
  it('starts from the newest configuration, then emits each new one once, oldest first, in the reference shape', async () => {
    const { fake, start } = await setup();
    fake.upload(fakeConfig(1));
    const trigger = start();
    await expect.poll(() => trigger.checkpoint()).toEqual({ id: fakeConfig(1).id, upload_time: fakeConfig(1).upload_time });
    fake.upload(fakeConfig(2), fakeConfig(3));
    const events = await trigger.waitForEvents(2);
    expect(events.map((e) => (e.event as Event).id)).toEqual([fakeConfig(2).id, fakeConfig(3).id]);
    const event = events[0]!.event as Event;
    expect(event).toMatchObject({ family: 'mirai', config_type: 'static', type: 'static_config', cfg: fakeConfig(2).cfg, parents: [{ id: sampleFile(2).id, type: 'file' }] });
    const { id: _fileId, ...fileFields } = sampleFile(2);
    expect(event.files).toEqual([fileFields]);
    await expect.poll(() => fake.state.listings.length).toBeGreaterThan(5);
    expect(idsOf(trigger)).toEqual([fakeConfig(2).id, fakeConfig(3).id]);
  });

  it('pages back with older_than over several pages to the last configuration it emitted', async () => {
    const { fake, start } = await setup();
    fake.upload(fakeConfig(0));
    const trigger = start({ id: fakeConfig(0).id, upload_time: fakeConfig(0).upload_time });
    fake.upload(...range(1, 230));
    const events = await trigger.waitForEvents(230, 20_000);
    expect(events.map((e) => (e.event as Event).id)).toEqual(range(1, 230).map((config) => config.id));
    expect(fake.state.listings.filter((query) => query['older_than'] !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(fake.state.listings.every((query) => query['count'] === '100' || query['count'] === '1')).toBe(true);
    await expect.poll(() => trigger.checkpoint()).toEqual({ id: fakeConfig(230).id, upload_time: fakeConfig(230).upload_time });
  });

  it('resumes from its checkpoint after a restart without re-emitting', async () => {
    const { fake, start } = await setup();
    fake.upload(fakeConfig(0));
    const first = start({ id: fakeConfig(0).id, upload_time: fakeConfig(0).upload_time });
    fake.upload(fakeConfig(1), fakeConfig(2));
    await first.waitForEvents(2);
    await first.stop();
    const saved = first.checkpoint();
    expect(saved).toEqual({ id: fakeConfig(2).id, upload_time: fakeConfig(2).upload_time });
    fake.upload(fakeConfig(3));
    const second = start(saved);
    await second.waitForEvents(1);
    const listed = fake.state.listings.length;
    await expect.poll(() => fake.state.listings.length).toBeGreaterThan(listed + 3);
    expect(idsOf(second)).toEqual([fakeConfig(3).id]);
  });

  it('on a first run against an empty MWDB, emits every configuration uploaded afterwards', async () => {
    const { fake, start } = await setup();
    const trigger = start();
    await expect.poll(() => trigger.checkpoint()).toEqual({ id: null, upload_time: null });
    fake.upload(fakeConfig(1));
    await trigger.waitForEvents(1);
    expect(idsOf(trigger)).toEqual([fakeConfig(1).id]);
  });

  it('stops with PLY_CONFIGURATION_INVALID when MWDB refuses the key (401), without asking again', async () => {
    const { fake, configuration, start } = await setup();
    const trigger = start(undefined, { ...configuration, api_key: 'wrong-canary-key' });
    const error = await plyErrorOf(trigger.waitForEvents(1));
    expect(error?.code).toBe('PLY_CONFIGURATION_INVALID');
    expect(error?.message).toBe('MWDB refused the credentials of this account (HTTP 401)');
    expect(fake.state.listings).toHaveLength(0);
    expect(trigger.logs.text()).not.toContain('wrong-canary-key');
  });

  it('skips, with a warning, a configuration deleted between the listing and its reading (404), and emits the next', async () => {
    const { fake, start } = await setup();
    fake.upload(fakeConfig(0));
    const trigger = start({ id: fakeConfig(0).id, upload_time: fakeConfig(0).upload_time });
    const gone = fakeConfig(1);
    // Listed, then gone when read: the fake lists it but answers 404 for its record.
    fake.state.unreadable.add(gone.id);
    fake.upload(gone, fakeConfig(2));
    const events = await trigger.waitForEvents(1);
    expect((events[0]!.event as Event).id).toBe(fakeConfig(2).id);
    expect(trigger.logs.records('an MWDB configuration went away before it was read: skipped').map((r) => r['id'])).toEqual([gone.id]);
  });

  it('says which listing was not found when the API URL is not MWDB\'s REST API (404), and keeps trying', async () => {
    const { configuration, start } = await setup();
    const trigger = start({ id: null, upload_time: null }, { ...configuration, api_url: configuration.api_url.replace(/api\/$/, 'web/') });
    await expect.poll(() => trigger.logs.records('MWDB poll failed; trying again').length).toBeGreaterThan(0);
    expect(trigger.logs.records('MWDB poll failed; trying again')[0]?.['error']).toMatch(/^the config listing \(is api_url the MWDB REST API, ending with \/api\/\?\) was not found at MWDB \(HTTP 404: The requested URL was not found on the server/);
  });

  it('waits for Retry-After on a 429, then reads on', async () => {
    const { fake, configuration, start } = await setup();
    fake.upload(fakeConfig(0));
    // Backoff ceilings above Retry-After, so that the wait logged is MWDB's.
    const trigger = start({ id: fakeConfig(0).id, upload_time: fakeConfig(0).upload_time }, configuration, { httpRetry: { baseDelayMs: 1, maxDelayMs: 1000 } });
    fake.upload(fakeConfig(1));
    fake.faults.failNext.push({ status: 429, retryAfter: '0.05' });
    await trigger.waitForEvents(1);
    const retries = trigger.logs.records('HTTP request failed, retrying');
    expect(retries).toEqual([expect.objectContaining({ status: 429, delayMs: 50 })]);
    expect(trigger.logs.records('MWDB poll failed; trying again')).toHaveLength(0);
  });

  it.each([
    ['keeps polling through 5xx answers past the HTTP retries', (faults: FaultInjection) => faults.failNext.push(...Array.from({ length: 8 }, (_, index) => ({ status: index % 2 ? (502 as const) : (503 as const) })))],
    ['reconnects after MWDB drops the connection mid-answer', (faults: FaultInjection) => (faults.dropNext = 6)],
  ])('%s, and emits each configuration once', async (_title, inject) => {
    const { fake, start } = await setup();
    fake.upload(fakeConfig(0));
    const trigger = start({ id: fakeConfig(0).id, upload_time: fakeConfig(0).upload_time });
    fake.upload(fakeConfig(1), fakeConfig(2));
    inject(fake.faults);
    await trigger.waitForEvents(2, 15_000);
    expect(fake.faults.failNext.length + fake.faults.dropNext).toBe(0);
    expect(trigger.logs.records('MWDB poll failed; trying again').length).toBeGreaterThan(0);
    const listed = fake.state.listings.length;
    await expect.poll(() => fake.state.listings.length).toBeGreaterThan(listed + 2);
    expect(idsOf(trigger)).toEqual([fakeConfig(1).id, fakeConfig(2).id]);
  });

  it('reports a malformed answer as PLY_VENDOR_RESPONSE_INVALID and polls on', async () => {
    const { fake, start } = await setup();
    fake.upload(fakeConfig(0));
    fake.state.malformed = true;
    const trigger = start({ id: fakeConfig(0).id, upload_time: fakeConfig(0).upload_time });
    await expect.poll(() => trigger.logs.records('MWDB poll failed; trying again').length).toBeGreaterThan(0);
    expect(String(trigger.logs.records('MWDB poll failed; trying again')[0]!['error'])).toMatch(/JSON|response/i);
    fake.state.malformed = false;
    fake.upload(fakeConfig(1));
    await trigger.waitForEvents(1);
    expect(idsOf(trigger)).toEqual([fakeConfig(1).id]);
  });

  it('never shows the key when MWDB quotes it back, raw, URL-encoded or in a header', async () => {
    const { fake, start } = await setup();
    fake.state.echoKey = true;
    const trigger = start({ id: null, upload_time: null });
    await expect.poll(() => trigger.logs.records('MWDB poll failed; trying again').length).toBeGreaterThan(1);
    fake.state.echoKey = false;
    fake.upload(fakeConfig(1));
    await trigger.waitForEvents(1);
    expect(trigger.logs.text()).toContain('bad key');
    expect(secretLeaks(API_KEY, { logs: trigger.logs.text(), events: trigger.events, checkpoint: trigger.checkpoint() })).toEqual([]);
  });
});

describe('MWDB account check', () => {
  it('accepts a key MWDB validates and says a refused one was refused, without quoting it', async () => {
    const { configuration } = await setup();
    const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] });
    await expect(ply.checkCredentials({ module: 'mwdb', configuration })).resolves.toBeUndefined();
    const error = await plyErrorOf(ply.checkCredentials({ module: 'mwdb', configuration: { ...configuration, api_key: 'bad-canary-key' } }));
    expect(error?.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error?.message).toContain('refused the credentials');
    expect(secretLeaks('bad-canary-key', { error: { message: error?.message, details: error?.details }, logs: logs.text() })).toEqual([]);
  });

  it('gives up when MWDB does not answer within the timeoutMs of the check', async () => {
    const { fake, configuration } = await setup();
    const { ply } = createTestPly({ plugins: [{ moduleDir, plugin }] });
    fake.faults.delayNextMs = 10_000;
    const error = await plyErrorOf(ply.checkCredentials({ module: 'mwdb', configuration, timeoutMs: 200 }));
    expect(error?.code).toBe('PLY_ACTION_TIMEOUT');
    expect(error?.message).toContain('credentials check of mwdb');
  });

  it("defaults the API URL to CERT.PL's public instance, mwdblib's default", () => {
    const manifest = JSON.parse(readFileSync(join(moduleDir, 'manifest.json'), 'utf8')) as { configuration: { properties: Record<string, { default?: unknown }> } };
    expect(manifest.configuration.properties['api_url']?.default).toBe('https://mwdb.cert.pl/api/');
  });
});
