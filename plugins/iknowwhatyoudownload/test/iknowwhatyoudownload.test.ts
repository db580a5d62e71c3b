import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ply } from '@ply/core';
import { createTestPly, plyErrorOf, secretLeaks, startFakeServer, TEST_HTTP_RETRY, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakePeerApi } from './fake-peer-api.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const KEY = 'ikwyd-canary/Key+9f3a=';

/** One call per action, with arguments the fake answers. */
const CALLS = [
  { action: 'check_ip_existence', arguments: { ip: '200.55.191.39' } },
  { action: 'get_ip_history', arguments: { ip: '200.55.191.39' } },
  { action: 'list_ips_from_cidr', arguments: { cidr: '14.102.240.0/20' } },
] as const;

describe('IKnowWhatYouDownload through the executor', () => {
  // A fresh fake, runtime and log per test: no test sees the requests, faults or log lines of another.
  let peerApi: ReturnType<typeof fakePeerApi>;
  let server: FakeServer;
  let ply: Ply;
  let logs: ReturnType<typeof createTestPly>['logs'];
  let configuration: Record<string, unknown>;

  beforeEach(async () => {
    peerApi = fakePeerApi(KEY);
    server = await startFakeServer(peerApi.app.fetch);
    configuration = { host: server.url.replace(/\/$/, ''), key: KEY };
    ({ ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] }));
  });
  afterEach(() => server.close());

  const run = (action: string, args: Record<string, unknown>, extra: { timeoutMs?: number; configuration?: Record<string, unknown> } = {}) =>
    ply.run({ action: `iknowwhatyoudownload.${action}`, arguments: args, configuration: extra.configuration ?? configuration, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) });

  it('checks a known address with the key in the query and takes the "known" branch', async () => {
    const result = await run('check_ip_existence', { ip: '200.55.191.39' });
    expect(result.results).toEqual({ ip: '200.55.191.39', exists: true, date: '2016-12-17T16:49:04.000Z' });
    expect(result.outputs).toEqual({ known: true, unknown: false });
    expect(peerApi.received).toEqual([{ path: '/history/exist', query: { key: KEY, ip: '200.55.191.39' } }]);
  });

  it('takes the "unknown" branch for an address the service never saw', async () => {
    const result = await run('check_ip_existence', { ip: '198.51.100.7' });
    expect(result.results).toEqual({ ip: '198.51.100.7', exists: false });
    expect(result.outputs).toEqual({ known: false, unknown: true });
  });

  it('returns the history with numeric coordinates and sizes, passing days, contents and lang on', async () => {
    const result = await run('get_ip_history', { ip: '200.55.191.39', days: 30, contents: 1, lang: 'ru' });
    expect(peerApi.received[0]).toEqual({ path: '/history/peer/', query: { key: KEY, ip: '200.55.191.39', days: '30', contents: '1', lang: 'ru' } });
    expect(result.results).toMatchObject({
      ip: '200.55.191.39',
      hasPorno: false,
      geoData: { latitude: 23.13302, longitude: -82.38304 },
      contents: [{ category: 'Movies', torrent: { size: 1572610110, infohash: '71cefb01a173147094744dada9a234f43405d4ec' } }],
    });
    expect((result.results as { contents: unknown[] }).contents).toHaveLength(1);
  });

  it('refuses days beyond the documented 30 before calling the service', async () => {
    const error = await plyErrorOf(run('get_ip_history', { ip: '200.55.191.39', days: 31 }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('/days');
    expect(peerApi.received).toHaveLength(0);
  });

  it('lists the peers of a network', async () => {
    const result = await run('list_ips_from_cidr', { cidr: '14.102.240.0/20' });
    expect(result.results).toEqual({
      CIDR: '14.102.240.0/20',
      peers: [
        { ip: '14.102.240.1', date: '2016-12-10T16:49:04.000Z' },
        { ip: '14.102.240.2', date: '2016-12-11T16:49:04.000Z' },
        { ip: '14.102.240.15', date: '2016-12-12T16:49:04.000Z' },
      ],
    });
    expect(peerApi.received[0]!.query).toEqual({ key: KEY, cidr: '14.102.240.0/20' });
  });

  it("fails with the service's words when it answers an invalid CIDR with an error body", async () => {
    const error = await plyErrorOf(run('list_ips_from_cidr', { cidr: '14.102.240.0' }));
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.message).toBe('IKnowWhatYouDownload refused the request: value of cidr is invalid (INVALID_CIDR)');
  });

  it.each(CALLS)('$action: says the credentials were refused for a wrong key, without quoting it', async (call) => {
    const error = await plyErrorOf(run(call.action, call.arguments, { configuration: { ...configuration, key: 'wrong-key-0001' } }));
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.message).toContain('IKnowWhatYouDownload refused the credentials of the account (HTTP 401: key is invalid (INVALID_KEY))');
    // The failed run's line is there to be searched: an empty log would pass.
    expect(logs.text()).toContain('action failed');
    expect(secretLeaks('wrong-key-0001', { error, logs: logs.text() })).toEqual([]);
  });

  it.each(CALLS)('$action: names what was not found on 404 (a host configured with a wrong path)', async (call) => {
    const error = await plyErrorOf(run(call.action, call.arguments, { configuration: { ...configuration, host: `${server.url}api/v9` } }));
    expect(error.details['status']).toBe(404);
    expect(error.message).toMatch(/^GET history\/.+ was not found at IKnowWhatYouDownload \(HTTP 404/);
  });

  it.each(CALLS)('$action: waits for Retry-After on 429 and for a 5xx, then succeeds', async (call) => {
    peerApi.faults.failNext.push({ status: 429, retryAfter: '1' }, { status: 503 });
    const result = await run(call.action, call.arguments);
    // Retry-After: 1 s, capped at the test runtime's ceiling; the backoff alone would have waited 0 or 1 ms.
    expect(logs.records('HTTP request failed, retrying')[0]).toMatchObject({ status: 429, delayMs: TEST_HTTP_RETRY.maxDelayMs });
    expect(result.results).toBeTypeOf('object');
    expect(peerApi.received).toHaveLength(3);
    expect(logs.text()).toContain('HTTP request failed, retrying');
  });

  it.each(CALLS)('$action: reports the 5xx once the retries are spent', async (call) => {
    peerApi.faults.failNext.push(...Array.from({ length: 10 }, () => ({ status: 502 as const })));
    const error = await plyErrorOf(run(call.action, call.arguments));
    expect(error.details).toMatchObject({ status: 502 });
    expect(Number(error.details['attempts'])).toBeGreaterThan(1);
  });

  it.each(CALLS)('$action: times out at the run deadline when the service does not answer', async (call) => {
    peerApi.faults.delayNextMs = 5_000;
    const error = await plyErrorOf(run(call.action, call.arguments, { timeoutMs: 150 }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
  });

  it.each(CALLS)('$action: reports an answer that is not JSON as a malformed vendor answer', async (call) => {
    peerApi.state.malformedNext = true;
    const error = await plyErrorOf(run(call.action, call.arguments));
    expect(error.code).toBe('PLY_VENDOR_RESPONSE_INVALID');
  });

  it.each(CALLS)('$action: never lets the key through when the service quotes it (raw, URL-encoded, in a header)', async (call) => {
    peerApi.state.echoNext = true;
    const error = await plyErrorOf(run(call.action, call.arguments));
    expect(error.details['status']).toBe(400);
    const success = await run(call.action, call.arguments);
    expect(logs.text()).toContain('action failed');
    expect(secretLeaks(KEY, { error, errorDetails: error.details, results: success.results, arguments: success.arguments, logs: logs.text() })).toEqual([]);
  });

  it('checks an account with the existence of a documentation address: accepted, or refused', async () => {
    await expect(ply.checkCredentials({ module: 'iknowwhatyoudownload', configuration })).resolves.toBeUndefined();
    expect(peerApi.received).toEqual([expect.objectContaining({ path: '/history/exist', query: { ip: '192.0.2.1', key: KEY } })]);
    const refused = await plyErrorOf(ply.checkCredentials({ module: 'iknowwhatyoudownload', configuration: { ...configuration, key: 'nope-ikwyd-key-1' } }));
    expect(refused.message).toContain('IKnowWhatYouDownload refused the credentials of the account (HTTP 401');
    expect(refused.message).not.toContain('nope-ikwyd-key-1');
  });

  it('refuses an account without the key, naming it, before calling the service', async () => {
    const error = await plyErrorOf(run('check_ip_existence', { ip: '200.55.191.39' }, { configuration: { host: configuration['host'] } }));
    expect(error.code).toBe('PLY_CONFIGURATION_INVALID');
    expect(error.message).toContain('key');
    expect(peerApi.received).toHaveLength(0);
  });
});
