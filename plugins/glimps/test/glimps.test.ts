import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ply } from '@ply/core';
import { createTestPly, plyErrorOf, secretLeaks, startFakeServer, TEST_HTTP_RETRY, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeGlimpsDetect, KNOWN_SHA256, PDF_BYTES } from './fake-glimps-detect.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const TOKEN = 'a5555555-b6666666-c7777777-d8888888-e9999999';
const KNOWN_UUID = '1da0cb84-c5cc-4832-8882-4a7e9df11ed2';
const SAMPLE = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');

/** One call per action, with arguments the fake answers; `submits` for those that upload a file (not resent on a 5xx). */
const CALLS = [
  { action: 'analyse_a_file', arguments: { file_name: 'sample.bin' }, submits: true },
  { action: 'analyse_a_file_and_wait_for_result', arguments: { file_name: 'sample.bin', pull_time: 0.01, timeout: 5 }, submits: true },
  { action: 'retrieve_analysis', arguments: { uuid: KNOWN_UUID }, submits: false },
  { action: 'search_analysis', arguments: { sha256: KNOWN_SHA256 }, submits: false },
  { action: 'export_analysis_result', arguments: { uuid: KNOWN_UUID, format: 'csv', layout: 'en' }, submits: false },
  { action: 'get_profile_status', arguments: {}, submits: false },
  { action: 'retrieve_the_analysis', arguments: { uuid: KNOWN_UUID }, submits: false },
  { action: 'search_a_previous_analysis', arguments: { sha256: KNOWN_SHA256 }, submits: false },
  { action: 'submit_a_file_to_be_analysed', arguments: { file: 'sample.bin' }, submits: true },
] as const;

describe('GLIMPS Detect through the executor', () => {
  // A fresh fake, runtime, log and data folder per test: no test sees the requests, faults, lines or files of another.
  let detect: ReturnType<typeof fakeGlimpsDetect>;
  let server: FakeServer;
  let ply: Ply;
  let logs: ReturnType<typeof createTestPly>['logs'];
  let configuration: Record<string, unknown>;
  let dataDir: string;

  beforeEach(async () => {
    detect = fakeGlimpsDetect(TOKEN);
    server = await startFakeServer(detect.app.fetch);
    configuration = { api_key: TOKEN, base_url: server.url };
    ({ ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] }));
    dataDir = mkdtempSync(join(tmpdir(), 'glimps-run-'));
    writeFileSync(join(dataDir, 'sample.bin'), SAMPLE);
  });
  afterEach(() => server.close());

  const run = (action: string, args: Record<string, unknown>, extra: { timeoutMs?: number; configuration?: Record<string, unknown> } = {}) =>
    ply.run({ action: `glimps.${action}`, arguments: args, configuration: extra.configuration ?? configuration, dataDir, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) });
  const sampleSha256 = createHash('sha256').update(SAMPLE).digest('hex');

  it("submits a file of the run's data folder as multipart, with the options in the query as the GLIMPS client sends them", async () => {
    const result = await run('analyse_a_file', { file_name: 'sample.bin', bypass_cache: true, user_tags: ['phishing', 'ALxyz'], description: 'from alert ALxyz', archive_pwd: 'infected-Pwd/1' });
    expect(result.results).toEqual({ status: true, uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown });
    expect(detect.uploads).toEqual([{ filename: 'sample.bin', sha256: sampleSha256, size: SAMPLE.length }]);
    expect(detect.received[0]).toEqual({ method: 'POST', path: '/api/lite/v2/submit', query: { 'bypass-cache': 'True', tags: 'phishing,ALxyz', description: 'from alert ALxyz', archive_password: 'infected-Pwd/1' } });
    // The archive password is a secret: it is in the request, never in a log line.
    expect(logs.text()).toContain('file submitted to GLIMPS');
    expect(secretLeaks('infected-Pwd/1', { logs: logs.text() })).toEqual([]);
  });

  it('refuses a file that is not in the data folder, or a path that leaves it, before calling GLIMPS', async () => {
    const missing = await plyErrorOf(run('analyse_a_file', { file_name: 'absent.bin' }));
    expect(missing.code).toBe('PLY_FILE_REFERENCE_INVALID');
    expect(missing.message).toContain('"absent.bin" is not in the run\'s data folder');
    expect((await plyErrorOf(run('analyse_a_file', { file_name: '../etc/passwd' }))).code).toBe('PLY_FILE_REFERENCE_INVALID');
    expect(detect.received).toHaveLength(0);
  });

  it('submits, then polls until the analysis is done, and links its expert view', async () => {
    detect.state.pollsUntilDone = 3;
    const result = await run('analyse_a_file_and_wait_for_result', { file_name: 'sample.bin', pull_time: 0.01, timeout: 5 });
    const { analysis, view_url } = result.results as { analysis: Record<string, unknown>; view_url: string };
    expect(analysis).toMatchObject({ done: true, is_malware: true, sha256: sampleSha256, score: 3000 });
    expect(view_url).toBe(`${server.url}expert/en/analysis-redirect/eyJhbGciOiJIUzI1NiJ9.view.token`);
    expect(detect.received.map((request) => `${request.method} ${request.path.replace(/[0-9a-f-]{36}$/, '{uuid}')}`)).toEqual(['POST /api/lite/v2/submit', 'GET /api/lite/v2/results/{uuid}', 'GET /api/lite/v2/results/{uuid}', 'GET /api/lite/v2/results/{uuid}']);
  });

  it('gives up after the timeout asked, naming the analysis it waited for', async () => {
    detect.state.pollsUntilDone = Number.POSITIVE_INFINITY;
    const error = await plyErrorOf(run('analyse_a_file_and_wait_for_result', { file_name: 'sample.bin', pull_time: 0.01, timeout: 0.05 }));
    expect(error.code).toBe('PLY_VENDOR_JOB_TIMEOUT');
    const uuid = [...detect.analyses.keys()].at(-1)!;
    expect(error.message).toMatch(new RegExp(`^GLIMPS analysis ${uuid} was not done after 0.05 s \\(\\d+ polls\\)$`));
  });

  it('retrieves an analysis by uuid and by the SHA-256 of its file, with its expert view', async () => {
    const byUuid = await run('retrieve_analysis', { uuid: KNOWN_UUID });
    expect(byUuid.results).toMatchObject({ analysis: { uuid: KNOWN_UUID, done: true, malwares: ['Trojan.Generic'] }, view_url: expect.stringContaining('/expert/en/analysis-redirect/') as unknown });
    const bySha = await run('search_analysis', { sha256: KNOWN_SHA256 });
    expect(bySha.results).toMatchObject({ analysis: { uuid: KNOWN_UUID, sha256: KNOWN_SHA256 } });
    expect(detect.received.map((request) => request.path)).toEqual([`/api/lite/v2/results/${KNOWN_UUID}`, `/api/lite/v2/search/${KNOWN_SHA256}`]);
  });

  it('refuses what is not an analysis uuid or a SHA-256, before calling, and names the analysis GLIMPS does not have', async () => {
    expect((await plyErrorOf(run('retrieve_analysis', { uuid: 'bad-uuid' }))).code).toBe('PLY_ARGUMENTS_INVALID');
    expect((await plyErrorOf(run('search_analysis', { sha256: 'bad-sha256' }))).code).toBe('PLY_ARGUMENTS_INVALID');
    expect(detect.received).toHaveLength(0);
    const unknown = await plyErrorOf(run('retrieve_analysis', { uuid: 'c5ff79ed-b2d2-4b1b-b93c-7197bdaa8445' }));
    expect(unknown.message).toBe('analysis c5ff79ed-b2d2-4b1b-b93c-7197bdaa8445 was not found at GLIMPS (HTTP 404: file not found)');
  });

  it('writes an export to a file of the run as it came: a PDF byte for byte, a full CSV', async () => {
    const pdf = await run('export_analysis_result', { uuid: KNOWN_UUID, format: 'pdf', layout: 'fr' });
    const { file_path, size, content_type } = pdf.results as { file_path: string; size: number; content_type: string };
    expect(new Uint8Array(readFileSync(join(dataDir, file_path)))).toEqual(PDF_BYTES);
    expect({ size, content_type, extension: file_path.split('.').at(-1) }).toEqual({ size: PDF_BYTES.length, content_type: 'application/pdf', extension: 'pdf' });
    const csv = await run('export_analysis_result', { uuid: KNOWN_UUID, format: 'csv', layout: 'en', is_full: 'True' });
    expect(readFileSync(join(dataDir, (csv.results as { file_path: string }).file_path), 'utf8')).toBe('Verdict,Score,Full\nmalicious,3000,True\n');
    expect(detect.received.map((request) => request.query)).toEqual([
      { format: 'pdf', layout: 'fr', full: 'False' },
      { format: 'csv', layout: 'en', full: 'True' },
    ]);
  });

  it('refuses an export format or layout GLIMPS does not offer, as the reference did', async () => {
    expect((await plyErrorOf(run('export_analysis_result', { uuid: KNOWN_UUID, format: 'docx', layout: 'en' }))).message).toContain('/format');
    expect((await plyErrorOf(run('export_analysis_result', { uuid: KNOWN_UUID, format: 'pdf', layout: 'de' }))).message).toContain('/layout');
    expect(detect.received).toHaveLength(0);
  });

  it("reads the profile status, counting what GLIMPS leaves out as nothing, as GLIMPS's client does", async () => {
    expect((await run('get_profile_status', {})).results).toMatchObject({ daily_quota: 1000, available_daily_quota: 987, cache: true, estimated_analysis_duration: 21_000 });
    detect.state.statusFields = ['daily_quota'];
    expect((await run('get_profile_status', {})).results).toEqual({ daily_quota: 1000, available_daily_quota: 0, cache: false, estimated_analysis_duration: 0 });
  });

  it('keeps the deprecated items: the raw analysis, the raw search, the raw submission of "file"', async () => {
    expect((await run('retrieve_the_analysis', { uuid: KNOWN_UUID })).results).toMatchObject({ uuid: KNOWN_UUID, status: true, token: expect.any(String) as unknown });
    expect((await run('search_a_previous_analysis', { sha256: KNOWN_SHA256 })).results).toMatchObject({ uuid: KNOWN_UUID });
    const submitted = await run('submit_a_file_to_be_analysed', { file: 'sample.bin', 'bypass-cache': true });
    expect(submitted.results).toEqual({ status: true, uuid: expect.any(String) as unknown });
    expect(detect.received.at(-1)).toMatchObject({ method: 'POST', path: '/api/lite/v2/submit', query: { 'bypass-cache': 'true' } });
  });

  it('refuses a deprecated submission over 40 MB, or without its file, before sending it', async () => {
    writeFileSync(join(dataDir, 'big.bin'), '');
    truncateSync(join(dataDir, 'big.bin'), 40_000_001);
    const big = await plyErrorOf(run('submit_a_file_to_be_analysed', { file: 'big.bin' }));
    expect(big.message).toBe('the file "big.bin" has 40000001 bytes, over the 40000000 bytes GLIMPS takes');
    expect((await plyErrorOf(run('submit_a_file_to_be_analysed', {}))).message).toContain('give the file to scan');
    expect(detect.received).toHaveLength(0);
  });

  it.each(CALLS)('$action: says the credentials were refused for a wrong token, without quoting it', async (call) => {
    const error = await plyErrorOf(run(call.action, call.arguments, { configuration: { ...configuration, api_key: 'f0000000-00000000-00000000-00000000-0000000f' } }));
    expect(error.message).toContain('GLIMPS refused the credentials of the account (HTTP 401: unauthorized)');
    // The failed run's line is there to be searched: an empty log would pass.
    expect(logs.text()).toContain('action failed');
    expect(secretLeaks('f0000000-00000000-00000000-00000000-0000000f', { error, logs: logs.text() })).toEqual([]);
  });

  it.each(CALLS)('$action: reports a 404 (a server URL on a wrong path)', async (call) => {
    const error = await plyErrorOf(run(call.action, call.arguments, { configuration: { ...configuration, base_url: `${server.url}v9/` } }));
    expect(error.details['status']).toBe(404);
    expect(error.message).toContain('was not found at GLIMPS (HTTP 404');
  });

  it.each(CALLS)('$action: waits for Retry-After on 429, then succeeds', async (call) => {
    detect.faults.failNext.push({ status: 429, retryAfter: '1' });
    await run(call.action, call.arguments);
    // Retry-After: 1 s, capped at the test runtime's ceiling; the backoff alone would have waited 0 or 1 ms.
    expect(logs.records('HTTP request failed, retrying')[0]).toMatchObject({ status: 429, delayMs: TEST_HTTP_RETRY.maxDelayMs });
    expect(detect.received[0]!.path).toBe(detect.received[1]!.path);
    expect(logs.text()).toContain('HTTP request failed, retrying');
  });

  it.each(CALLS)('$action: on a 5xx, retries what is safe to repeat and sends a submission once', async (call) => {
    detect.faults.failNext.push({ status: 503 });
    if (call.submits) {
      const error = await plyErrorOf(run(call.action, call.arguments));
      expect(error.details).toMatchObject({ status: 503, attempts: 1 });
      expect(detect.uploads).toHaveLength(0);
    } else {
      await run(call.action, call.arguments);
      expect(detect.received).toHaveLength(2);
    }
  });

  it.each(CALLS)('$action: reports the 5xx once the retries are spent', async (call) => {
    detect.faults.failNext.push(...Array.from({ length: 10 }, () => ({ status: 502 as const })));
    const error = await plyErrorOf(run(call.action, call.arguments));
    expect(error.details['status']).toBe(502);
    expect(error.message).toContain('server error 502');
  });

  it.each(CALLS)('$action: times out at the run deadline when GLIMPS does not answer', async (call) => {
    detect.faults.delayNextMs = 5_000;
    expect((await plyErrorOf(run(call.action, call.arguments, { timeoutMs: 150 }))).code).toBe('PLY_ACTION_TIMEOUT');
  });

  it.each(CALLS)('$action: reports an answer that is not JSON as a malformed vendor answer', async (call) => {
    detect.state.malformedNext = true;
    if (call.action === 'export_analysis_result') {
      // An export is a file, whatever its type: the page GLIMPS answered is what the file holds.
      const result = await run(call.action, call.arguments);
      expect((result.results as { content_type: string }).content_type).toContain('text/html');
      return;
    }
    expect((await plyErrorOf(run(call.action, call.arguments))).code).toBe('PLY_VENDOR_RESPONSE_INVALID');
  });

  it.each(CALLS)('$action: never lets the token through when GLIMPS quotes it (raw, URL-encoded, in a header)', async (call) => {
    detect.state.echoNext = true;
    const error = await plyErrorOf(run(call.action, call.arguments));
    expect(error.details['status']).toBe(400);
    const success = await run(call.action, call.arguments);
    expect(logs.text()).toContain('action failed');
    expect(secretLeaks(TOKEN, { error, errorDetails: error.details, results: success.results, logs: logs.text() })).toEqual([]);
  });

  it('checks an account with the profile status: accepted, or refused', async () => {
    await expect(ply.checkCredentials({ module: 'glimps', configuration })).resolves.toBeUndefined();
    expect(detect.received).toEqual([{ method: 'GET', path: '/api/lite/v2/status', query: {} }]);
    const refused = await plyErrorOf(ply.checkCredentials({ module: 'glimps', configuration: { ...configuration, api_key: 'nope' } }));
    expect(refused.message).toContain('GLIMPS refused the credentials of the account');
  });
});
