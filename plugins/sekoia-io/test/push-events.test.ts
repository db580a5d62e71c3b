import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { REFERENCE_INTAKE_SEND } from '../src/intake/intake-client.js';
import { FAST, startSekoia, type SekoiaHarness } from './harness.js';

const INTAKE_KEY = 'intake-key-93fa0c';

describe('Push Events to Intake through the executor', () => {
  let s: SekoiaHarness;
  let intake: string;
  beforeEach(async () => {
    // Small chunk bounds so a handful of events exercise chunking, ordering and parallelism.
    s = await startSekoia({ ...FAST, intakeChunks: { maxEventBytes: 200, maxChunkBytes: 1_000, maxChunkEvents: 4 } });
    s.state.intakeKeys.add(INTAKE_KEY);
    intake = s.server.url.replace(/\/$/, '');
  });
  afterEach(() => s.close());

  const push = (args: Record<string, unknown>, extra: { dataDir?: string; timeoutMs?: number } = {}) => s.run('push_events_to_intake', { intake_key: INTAKE_KEY, intake_server: intake, ...args }, undefined, extra);

  it('pushes event then events as JSON strings in chunks bounded in count, ids in input order', async () => {
    const events = Array.from({ length: 10 }, (_, i) => ({ n: i }));
    const { results } = (await push({ event: { first: true }, events: [...events, 'already a string'] })) as { results: { event_ids: string[] } };
    expect(s.state.batches).toHaveLength(3);
    expect(s.state.batches.flatMap((batch) => batch.jsons).sort()).toEqual(['{"first":true}', ...events.map((event) => JSON.stringify(event)), 'already a string'].sort());
    expect(results.event_ids.map((id) => s.state.eventIds.get(id))).toEqual(['{"first":true}', ...events.map((event) => JSON.stringify(event)), 'already a string']);
  });

  it('pushes with an account that has no api_key (the intake key is all it needs)', async () => {
    const { results } = (await s.run('push_events_to_intake', { intake_key: INTAKE_KEY, intake_server: intake, events: ['one'] }, { base_url: s.server.url })) as { results: { event_ids: string[] } };
    expect(results.event_ids.map((id) => s.state.eventIds.get(id))).toEqual(['one']);
  });

  it('returns the intake ids in input order even when chunks answer out of order', async () => {
    const input = Array.from({ length: 12 }, (_, i) => `event-${String(i).padStart(2, '0')}`);
    s.state.batchDelays = [80, 40, 0];
    const { results } = (await push({ events: input })) as { results: { event_ids: string[] } };
    expect(results.event_ids.map((id) => s.state.eventIds.get(id))).toEqual(input);
  });

  it('closes a chunk before it exceeds the byte bound', async () => {
    await push({ events: Array.from({ length: 8 }, () => 'x'.repeat(150)) });
    for (const batch of s.state.batches) expect(batch.jsons.reduce((sum, json) => sum + Buffer.byteLength(json), 0)).toBeLessThanOrEqual(1_000);
    expect(s.state.batches.flatMap((batch) => batch.jsons)).toHaveLength(8);
  });

  it('skips events over the size limit (UTF-8 bytes) and counts them in a warning', async () => {
    const { results } = (await push({ events: ['é'.repeat(101), 'ok-1', 'x'.repeat(201), 'ok-2'] })) as { results: { event_ids: string[] } };
    expect(results.event_ids).toHaveLength(2);
    expect(s.state.batches.flatMap((batch) => batch.jsons)).toEqual(['ok-1', 'ok-2']);
    expect(s.logs.text()).toContain('2 too long events were discarded');
  });

  it('reads event_path and events_path from the run data folder, event first, and deletes them after the push', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ply-intake-'));
    writeFileSync(join(dataDir, 'events.json'), JSON.stringify([{ a: 1 }, { a: 2 }]));
    writeFileSync(join(dataDir, 'event.json'), JSON.stringify({ single: true }));
    const { results } = (await push({ events_path: 'events.json', event_path: 'event.json' }, { dataDir })) as { results: { event_ids: string[] } };
    expect(results.event_ids).toHaveLength(3);
    expect(s.state.batches.flatMap((batch) => batch.jsons)).toEqual(['{"single":true}', '{"a":1}', '{"a":2}']);
    expect([existsSync(join(dataDir, 'events.json')), existsSync(join(dataDir, 'event.json'))]).toEqual([false, false]);
  });

  it('keeps the files with keep_file_after_push', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ply-intake-'));
    writeFileSync(join(dataDir, 'events.json'), JSON.stringify([{ a: 1 }]));
    await push({ events_path: 'events.json', keep_file_after_push: true }, { dataDir });
    expect(existsSync(join(dataDir, 'events.json'))).toBe(true);
  });

  it('returns no ids and sends nothing when there is no event', async () => {
    expect((await push({})).results).toEqual({ event_ids: [] });
    expect(s.state.batches).toHaveLength(0);
  });

  it('sends no Authorization header to the intake', async () => {
    await push({ event: { x: 1 } });
    expect(s.last()).toMatchObject({ method: 'POST', url: '/batch', authorization: undefined });
  });

  it('retries a chunk answered 429 then 503, and loses nothing', async () => {
    s.faults.inject({ status: 429, path: /batch/ });
    s.faults.inject({ status: 503, path: /batch/ });
    const { results } = (await push({ events: Array.from({ length: 6 }, (_, i) => `r${i}`) })) as { results: { event_ids: string[] } };
    expect(results.event_ids).toHaveLength(6);
  });

  it('fails when a chunk is finally refused, saying how many events were sent', async () => {
    // FAST allows 3 attempts per chunk: the chunk holding f8..f11 fails all of them.
    s.faults.inject({ status: 500, path: /batch/, bodyIncludes: '"f8"', times: 3 });
    const error = await s.fail('push_events_to_intake', { intake_key: INTAKE_KEY, intake_server: intake, events: Array.from({ length: 12 }, (_, i) => `f${i}`) });
    expect([error.code, error.details['status']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 500]);
    expect(error.message).toMatch(/^pushing to the intake failed: chunk 3 of 3 \(4 events\) was refused \(POST .*batch answered HTTP 500.*\); 8 of 12 events were sent$/);
    expect(error.details).toMatchObject({ sent: 8, total: 12 });
  });

  it('fails at once on an intake key the intake does not know, never showing the key', async () => {
    const error = await s.fail('push_events_to_intake', { intake_key: 'intake-key-unknown-77', intake_server: intake, event: { x: 1 } });
    expect([error.code, error.details['status'], error.details['attempts']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 401, 1]);
    expect(s.logs.text()).toContain('intake push failed');
    expect(JSON.stringify([error.message, error.details, s.logs.lines])).not.toContain('intake-key-unknown-77');
  });

  it("names what was left when the run's deadline ends the retries", async () => {
    const slow = await startSekoia({ ...FAST, intakeSend: { concurrency: 1, retry: { retries: 1000, baseDelayMs: 20, maxDelayMs: 20 } } });
    try {
      slow.state.intakeKeys.add(INTAKE_KEY);
      slow.faults.inject({ status: 503, path: /batch/, times: 1000 });
      const error = await slow.fail('push_events_to_intake', { intake_key: INTAKE_KEY, intake_server: slow.server.url, event: { x: 1 } }, undefined, { timeoutMs: 200 });
      expect(error.code).toBe('PLY_ACTION_TIMEOUT');
      expect(error.message).toBe("events were still being pushed to the intake (0 of 1 events sent) when the run's timeout_ms (200 ms) ran out; give the action a longer timeout_ms");
    } finally {
      await slow.close();
    }
  });

  it('retries a chunk for about an hour by default, within a default deadline past that hour', () => {
    expect(REFERENCE_INTAKE_SEND.retry).toEqual({ retries: 720, baseDelayMs: 1_000, maxDelayMs: 10_000 });
    expect(plugin.actions['push-events-to-intake']!.timeoutMs).toBe(3_900_000);
  });
});
