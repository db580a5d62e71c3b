import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestPly, plyErrorOf, runTestTrigger, secretLeaks, startFakeServer, type TestTriggerRun } from '@ply/kit/testing';
import { createTriagePlugin } from '../src/index.js';
import { fakeTriage, reportedSample } from './fake-triage.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const API_KEY = 'triage-canary-Key+7f3a/92cd=';
const plugin = createTriagePlugin({ pollIntervalMs: 20, requestTimeoutMs: 200 });
const ARGS = { frequency: 3600, malware_list: ['icedid'] };

type Raw = Array<{ malware: string; samples: Record<string, { sample_c2s: string[]; sample_urls: string[]; sample_hashes: string[] }> }>;

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const fake = fakeTriage(API_KEY);
  const server = await startFakeServer(fake.app.fetch);
  cleanups.push(() => server.close());
  const configuration = { api_key: API_KEY, api_url: `${server.url}v0/` };
  const start = (args: Record<string, unknown> = ARGS, checkpoint?: unknown, config: Record<string, unknown> = configuration) => {
    const run = runTestTrigger({ plugin, moduleDir, trigger: 'triage_configs', configuration: config, arguments: args, ...(checkpoint ? { checkpoint } : {}) });
    cleanups.push(() => run.stop());
    return run;
  };
  return { fake, configuration, start };
}

/** The raw results an event points at: its folder (emit option) joined with its `file_path`. */
function rawOf(run: TestTriggerRun, index: number): Raw {
  const { event, options } = run.events[index]!;
  return JSON.parse(readFileSync(join(run.files.resolve(options!.directory!), (event as { file_path: string }).file_path), 'utf8')) as Raw;
}
const sampleIds = (run: TestTriggerRun, index: number) => rawOf(run, index).flatMap((family) => Object.keys(family.samples));

describe('Triage config trigger', () => {
  it('emits {file_path} in a folder of its own holding the reference\'s raw results of the recent samples', async () => {
    const { fake, start } = await setup();
    fake.state.samples.push(reportedSample('s01', 'icedid', 5), reportedSample('s02', 'icedid', 10), reportedSample('s03', 'icedid', 120), reportedSample('s04', 'qakbot', 5));
    const run = start({ ...ARGS, exclude_signed: true });
    await run.waitForEvents(1);
    const { event, options } = run.events[0]!;
    expect(Object.keys(event as object)).toEqual(['file_path']);
    expect(options?.directory).toMatch(/^triage_results\/\d+$/);
    const raw = rawOf(run, 0);
    expect(raw).toEqual([
      {
        malware: 'icedid',
        samples: {
          s01: { sample_c2s: ['203.0.113.1:443', 'c2-01.example.net'], sample_urls: ['http://drop-01.example.org/payload.bin'], sample_hashes: ['01'.repeat(16), '01'.repeat(20), '01'.repeat(32), '01'.repeat(64)] },
          s02: { sample_c2s: ['203.0.113.2:443', 'c2-02.example.net'], sample_urls: ['http://drop-02.example.org/payload.bin'], sample_hashes: ['02'.repeat(16), '02'.repeat(20), '02'.repeat(32), '02'.repeat(64)] },
        },
      },
    ]);
    const paths = fake.received.map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(['/v0/search', '/v0/samples/s01/overview.json', '/v0/samples/s01/reports/static']));
    expect(fake.received.find((r) => r.path === '/v0/search')!.query).toEqual({ query: 'family:icedid', limit: '200' });
  });

  it('reads every search page (offset = the next Triage gave) and emits each sample once', async () => {
    const { fake, start } = await setup();
    for (let n = 0; n < 230; n += 1) fake.state.samples.push(reportedSample(`p${String(n).padStart(3, '0')}`, 'icedid', 1 + n * 0.1));
    const run = start();
    await run.waitForEvents(1, 15_000);
    expect(new Set(sampleIds(run, 0)).size).toBe(230);
    // A heartbeat per sample read: the supervisor sees a long collection is alive.
    expect(run.heartbeats()).toBeGreaterThan(230);
    const searches = fake.received.filter((r) => r.path === '/v0/search');
    expect(searches[1]!.query['offset']).toEqual(expect.any(String));
    await vi.waitFor(() => expect(fake.received.filter((r) => r.path === '/v0/search').length).toBeGreaterThan(4));
    expect(run.events).toHaveLength(1);
  });

  it('resumes from its checkpoint after a restart: nothing emitted twice, the new sample emitted', async () => {
    const { fake, start } = await setup();
    fake.state.samples.push(reportedSample('s01', 'icedid', 20), reportedSample('s02', 'icedid', 10));
    const first = start();
    await first.waitForEvents(1);
    await vi.waitFor(() => expect(first.checkpoint()).toMatchObject({ families: { icedid: { ids: ['s02'] } } }));
    await first.stop();
    fake.state.samples.push(reportedSample('s03', 'icedid', 1));
    const second = start(ARGS, first.checkpoint());
    await second.waitForEvents(1);
    expect(sampleIds(second, 0)).toEqual(['s03']);
    const searchesBefore = fake.received.filter((r) => r.path === '/v0/search').length;
    await vi.waitFor(() => expect(fake.received.filter((r) => r.path === '/v0/search').length).toBeGreaterThan(searchesBefore + 3));
    expect(second.events).toHaveLength(1);
  });

  it('waits for a sample still being analysed and emits it once reported', async () => {
    const { fake, start } = await setup();
    const running = reportedSample('s01', 'icedid', 20, { status: 'running' });
    fake.state.samples.push(running, reportedSample('s02', 'icedid', 10));
    const run = start();
    await run.waitForEvents(1);
    expect(sampleIds(run, 0)).toEqual(['s02']);
    running.status = 'reported';
    await run.waitForEvents(2);
    expect(sampleIds(run, 1)).toEqual(['s01']);
  });

  it('reads a sample stuck in analysis for over a day as it is, instead of waiting for it', async () => {
    const { fake, start } = await setup();
    fake.state.samples.push(reportedSample('s01', 'icedid', 25 * 60, { status: 'running' }), reportedSample('s02', 'icedid', 10, { status: 'running' }));
    const run = start({ ...ARGS, frequency: 2 * 24 * 3600 });
    await run.waitForEvents(1);
    expect(sampleIds(run, 0)).toEqual(['s01']);
  });

  it('writes a signed sample and a suspicious analysis with empty lists when asked to exclude them', async () => {
    const { fake, start } = await setup();
    fake.state.samples.push(reportedSample('s01', 'icedid', 5, { signed: true }), reportedSample('s02', 'icedid', 6, { scores: [10] }), reportedSample('s03', 'icedid', 7, { scores: [3, 10, 10] }), reportedSample('s04', 'icedid', 8));
    const run = start({ ...ARGS, exclude_signed: true, exclude_suspicious_analysis: true });
    await run.waitForEvents(1);
    const samples = rawOf(run, 0)[0]!.samples;
    const empty = { sample_c2s: [], sample_urls: [], sample_hashes: [] };
    expect([samples['s01'], samples['s02'], samples['s03']]).toEqual([empty, empty, empty]);
    expect(samples['s04']!.sample_c2s).toHaveLength(2);
  });

  it('writes a sample whose report Triage no longer has (404) with empty lists, and says so', async () => {
    const { fake, start } = await setup();
    fake.state.samples.push(reportedSample('s01', 'icedid', 5), reportedSample('s02', 'icedid', 6));
    fake.state.withoutReports.add('s01');
    const run = start();
    await run.waitForEvents(1);
    expect(rawOf(run, 0)[0]!.samples['s01']).toEqual({ sample_c2s: [], sample_urls: [], sample_hashes: [] });
    expect(run.logs.text()).toContain('Triage has no such report');
  });

  it('waits for Retry-After on a 429, then emits', async () => {
    const { fake, start } = await setup();
    fake.state.samples.push(reportedSample('s01', 'icedid', 5));
    fake.faults.failNext.push({ status: 429, retryAfter: '1' });
    const run = start();
    await run.waitForEvents(1);
    const retry = run.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'HTTP request failed, retrying');
    expect(retry).toMatchObject({ status: 429 });
    expect(fake.faults.failNext).toHaveLength(0);
  });

  it('keeps collecting after 5xx answers past the HTTP retries, then emits', async () => {
    const { fake, start } = await setup();
    fake.state.samples.push(reportedSample('s01', 'icedid', 5));
    fake.faults.failNext.push(...Array.from({ length: 8 }, () => ({ status: 503 as const, retryAfter: '0' })));
    const run = start();
    await run.waitForEvents(1, 15_000);
    expect(run.logs.text()).toContain('Triage poll failed; trying again');
    expect(fake.faults.failNext).toHaveLength(0);
  });

  it('gives up a request at its timeout and asks again, then emits', async () => {
    const { fake, start } = await setup();
    fake.state.samples.push(reportedSample('s01', 'icedid', 5));
    fake.faults.delayNextMs = 5_000;
    const run = start();
    await run.waitForEvents(1, 15_000);
    const retry = run.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'HTTP request failed, retrying');
    expect(retry).toMatchObject({ url: expect.stringContaining('/v0/search'), error: 'timeout', attempt: 1 });
  });

  it('reports an answer that is not JSON as a malformed answer, then collects again', async () => {
    const { fake, start } = await setup();
    fake.state.samples.push(reportedSample('s01', 'icedid', 5));
    fake.state.malformedNext = true;
    const run = start();
    await run.waitForEvents(1);
    const warning = run.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line['msg'] === 'Triage poll failed; trying again');
    expect(String(warning?.['error'])).toMatch(/JSON|not valid/i);
  });

  it('reconnects after Triage drops the connection', async () => {
    const { fake, start } = await setup();
    fake.state.samples.push(reportedSample('s01', 'icedid', 5));
    fake.state.dropNext = 6;
    const run = start();
    await run.waitForEvents(1, 15_000);
    expect(fake.state.dropNext).toBe(0);
    expect(sampleIds(run, 0)).toEqual(['s01']);
  });

  it('stops with a clear status when the key is refused, without showing it', async () => {
    const { start, configuration } = await setup();
    const run = start(ARGS, undefined, { ...configuration, api_key: 'wrong-canary-Key+1' });
    const error = await run.waitForEvents(1).then(() => undefined, (e: unknown) => e as Error & { code: string });
    expect(error).toMatchObject({ code: 'PLY_CONFIGURATION_INVALID', message: 'Triage refused the credentials of this account (HTTP 401)' });
    expect(secretLeaks('wrong-canary-Key+1', { error: JSON.stringify(error), logs: run.logs.text() })).toEqual([]);
  });

  it('never lets the key through when Triage quotes it (raw, URL-encoded, in a header)', async () => {
    const { fake, start } = await setup();
    fake.state.samples.push(reportedSample('s01', 'icedid', 5));
    fake.state.echoNext = true;
    const run = start();
    await run.waitForEvents(1);
    expect(run.logs.text()).toContain('Triage poll failed; trying again');
    expect(secretLeaks(API_KEY, { logs: run.logs.text(), events: run.events, checkpoint: run.checkpoint(), file: rawOf(run, 0) })).toEqual([]);
  });

  it('checks an account with its own samples: accepted, or refused', async () => {
    const { fake, configuration } = await setup();
    const { ply } = createTestPly({ plugins: [{ moduleDir, plugin }] });
    await expect(ply.checkCredentials({ module: 'triage', configuration })).resolves.toBeUndefined();
    expect(fake.received).toEqual([{ path: '/v0/samples', query: { subset: 'owned', limit: '1' } }]);
    const refused = await plyErrorOf(ply.checkCredentials({ module: 'triage', configuration: { ...configuration, api_key: 'someone-else' } }));
    expect(refused.details['status']).toBe(401);
  });
});
