import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAST, startSekoia, type SekoiaHarness } from './harness.js';

const INTAKE_KEY = 'intake-key-93fa0c';

describe('Push Events to Intake through the executor', () => {
  // A fresh fake (batches, requests, faults), runtime and log per test.
  let s: SekoiaHarness;
  let intake: string;
  beforeEach(async () => {
    // Small chunk bounds so a handful of events exercise chunking, ordering and parallelism.
    s = await startSekoia({ ...FAST, intakeChunks: { maxEventBytes: 200, maxChunkBytes: 1_000, maxChunkEvents: 4 } });
    intake = s.server.url.replace(/\/$/, '');
  });
  afterEach(() => s.server.close());

  const push = (args: Record<string, unknown>, dataDir?: string) =>
    s.ply.run({
      action: 'sekoia.io.push_events_to_intake',
      arguments: { intake_key: INTAKE_KEY, intake_server: intake, ...args },
      configuration: s.configuration,
      ...(dataDir ? { dataDir } : {}),
    });

  it('pushes event then events as JSON strings in chunks bounded in count, ids in input order', async () => {
    const events = Array.from({ length: 10 }, (_, i) => ({ n: i }));
    const { results } = (await push({ event: { first: true }, events: [...events, 'already a string'] })) as { results: { event_ids: string[] } };
    expect(s.state.batches.map((batch) => batch.jsons.length)).toHaveLength(3);
    const sentInOrder = [...s.state.batches].sort((a, b) => a.jsons[0]!.localeCompare(b.jsons[0]!));
    expect(sentInOrder.flatMap((batch) => batch.jsons).sort()).toEqual(
      ['{"first":true}', ...events.map((event) => JSON.stringify(event)), 'already a string'].sort(),
    );
    expect(results.event_ids).toHaveLength(12);
    expect(new Set(results.event_ids).size).toBe(12);
    expect(s.state.batches.every((batch) => batch.intake_key === INTAKE_KEY)).toBe(true);
  });

  it('returns the intake ids in input order even when chunks answer out of order', async () => {
    const input = Array.from({ length: 12 }, (_, i) => `event-${String(i).padStart(2, '0')}`);
    s.state.batchDelays = [80, 40, 0];
    const { results } = (await push({ events: input })) as { results: { event_ids: string[] } };
    expect(s.state.batches).toHaveLength(3);
    expect(results.event_ids.map((id) => s.state.eventIds.get(id))).toEqual(input);
  });

  it('closes a chunk before it exceeds the byte bound', async () => {
    const big = 'x'.repeat(150);
    await push({ events: Array.from({ length: 8 }, () => big) });
    for (const batch of s.state.batches) expect(batch.jsons.reduce((sum, json) => sum + Buffer.byteLength(json), 0)).toBeLessThanOrEqual(1_000);
    expect(s.state.batches.flatMap((batch) => batch.jsons)).toHaveLength(8);
  });

  it('skips events over the size limit (UTF-8 bytes) and counts them in a warning', async () => {
    const { results } = (await push({ events: ['é'.repeat(101), 'ok-1', 'x'.repeat(201), 'ok-2'] })) as { results: { event_ids: string[] } };
    expect(results.event_ids).toHaveLength(2);
    expect(s.state.batches.flatMap((batch) => batch.jsons)).toEqual(['ok-1', 'ok-2']);
    const warning = s.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['skipped'] === 2);
    expect(warning).toMatchObject({ msg: '2 too long events were discarded' });
  });

  it('reads event_path and events_path from the run data folder, event first', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ply-intake-'));
    writeFileSync(join(dataDir, 'events.json'), JSON.stringify([{ a: 1 }, { a: 2 }]));
    writeFileSync(join(dataDir, 'event.json'), JSON.stringify({ single: true }));
    const { results } = (await push({ events_path: 'events.json', event_path: 'event.json', keep_file_after_push: true }, dataDir)) as {
      results: { event_ids: string[] };
    };
    expect(results.event_ids).toHaveLength(3);
    expect(s.state.batches.flatMap((batch) => batch.jsons)).toEqual(['{"single":true}', '{"a":1}', '{"a":2}']);
    expect(existsSync(join(dataDir, 'events.json'))).toBe(true);
  });

  it('returns no ids and sends nothing when there is no event', async () => {
    expect((await push({})).results).toEqual({ event_ids: [] });
    expect(s.state.batches).toHaveLength(0);
  });

  it('sends no Authorization header to the intake', async () => {
    await push({ event: { x: 1 } });
    const request = s.state.requests.find((r) => r.url === '/batch')!;
    expect(request.method).toBe('POST');
    expect(request.authorization).toBeUndefined();
  });

  it('retries a chunk answered 429 then 503, and loses nothing', async () => {
    s.faults.inject({ status: 429, path: /batch/ });
    s.faults.inject({ status: 503, path: /batch/ });
    const { results } = (await push({ events: Array.from({ length: 6 }, (_, i) => `r${i}`) })) as { results: { event_ids: string[] } };
    expect(results.event_ids).toHaveLength(6);
    expect(s.state.batches.flatMap((batch) => batch.jsons).sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('fails when a chunk is finally refused, saying how many events were sent', async () => {
    // FAST allows 3 attempts per chunk: the chunk holding f8..f11 fails all of them.
    s.faults.inject({ status: 500, path: /batch/, bodyIncludes: '"f8"', times: 3 });
    const error = (await push({ events: Array.from({ length: 12 }, (_, i) => `f${i}`) }).catch((e: unknown) => e)) as {
      code: string;
      message: string;
      details: Record<string, unknown>;
    };
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.details['status']).toBe(500);
    const sent = s.state.batches.flatMap((batch) => batch.jsons).length;
    expect(sent).toBe(8);
    expect(error.message).toMatch(/^pushing to the intake failed: chunk 3 of 3 \(4 events\) was refused \(POST .*batch answered HTTP 500.*\); 8 of 12 events were sent$/);
    expect(error.details).toMatchObject({ sent: 8, total: 12 });
  });

  it('keeps the intake key out of logs and errors', async () => {
    // The lines checked are made here: a skipped event, a retried chunk, and a push refused for good.
    await push({ events: ['x'.repeat(201), 'kept'] });
    s.faults.inject({ status: 503, path: /batch/ });
    await push({ event: { retried: true } });
    s.faults.inject({ status: 400, path: /batch/ });
    const error = await push({ event: { x: 1 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PLY_VENDOR_HTTP_ERROR' });
    expect(JSON.stringify(error)).not.toContain(INTAKE_KEY);
    const messages = s.logs.lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(['1 too long events were discarded', 'action failed']));
    expect(s.logs.text()).not.toContain(INTAKE_KEY);
  });
});
