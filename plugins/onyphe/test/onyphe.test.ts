import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ply } from '@ply/core';
import { createTestPly, plyErrorOf, secretLeaks, startFakeServer, TEST_HTTP_RETRY, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeOnyphe } from './fake-onyphe.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const KEY = 'onyphe-canary-Key/7f+2=';
const IP = '8.8.8.8';

/** Every lookup, the request it makes and arguments the fake answers. */
const LOOKUPS = [
  { action: 'lookup_ip', path: `/api/v2/summary/ip/${IP}`, arguments: { ip: IP } },
  { action: 'geolocalize_ip', path: `/api/v2/simple/geoloc/${IP}`, arguments: { ip: IP } },
  { action: 'get_ip_inetnum', path: `/api/v2/simple/inetnum/${IP}`, arguments: { ip: IP } },
  { action: 'get_ip_threat_list', path: `/api/v2/simple/threatlist/${IP}`, arguments: { ip: IP } },
  { action: 'get_ip_syn_scan', path: `/api/v2/simple/synscan/${IP}`, arguments: { ip: IP } },
  { action: 'get_ip_sniffer', path: `/api/v2/simple/sniffer/${IP}`, arguments: { ip: IP } },
  { action: 'get_ip_datascan', path: `/api/v2/simple/datascan/${IP}`, arguments: { ip: IP } },
  { action: 'get_pastries', path: `/api/v2/simple/pastries/${IP}`, arguments: { ip: IP } },
  { action: 'lookup_forward_dns', path: `/api/v2/simple/resolver/forward/${IP}`, arguments: { ip: IP } },
  { action: 'lookup_reverse_dns', path: `/api/v2/simple/resolver/reverse/${IP}`, arguments: { ip: IP } },
  { action: 'lookup_md5', path: '/api/v2/simple/datascan/datamd5/d41d8cd98f00b204e9800998ecf8427e', arguments: { md5: 'D41D8CD98F00B204E9800998ECF8427E' } },
  { action: 'get_onion_scan', path: '/api/v2/simple/onionscan/duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion', arguments: { onion: 'DuckDuckGoGg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion' } },
  { action: 'get_domain_name_ctls', path: '/api/v2/simple/ctl/example.com', arguments: { domain: 'EXAMPLE.com' } },
] as const;
const PAGED = LOOKUPS.filter((lookup) => lookup.action !== 'geolocalize_ip');

describe('Onyphe through the executor', () => {
  // A fresh fake, runtime and log per test: no test sees the requests, faults or log lines of another.
  let onyphe: ReturnType<typeof fakeOnyphe>;
  let server: FakeServer;
  let ply: Ply;
  let logs: ReturnType<typeof createTestPly>['logs'];
  let configuration: Record<string, unknown>;

  beforeEach(async () => {
    onyphe = fakeOnyphe(KEY);
    server = await startFakeServer(onyphe.app.fetch);
    configuration = { apikey: KEY, base_url: `${server.url}api/v2/` };
    ({ ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] }));
  });
  afterEach(() => server.close());

  const run = (action: string, args: Record<string, unknown>, extra: { timeoutMs?: number; configuration?: Record<string, unknown> } = {}) =>
    ply.run({ action: `onyphe.${action}`, arguments: args, configuration: extra.configuration ?? configuration, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) });

  it.each(PAGED)('$action: asks $path for the first page only by default, with the key in the Authorization header', async (lookup) => {
    const result = await run(lookup.action, lookup.arguments);
    expect(onyphe.received).toEqual([{ path: lookup.path, query: { page: '1' }, authorization: `bearer ${KEY}` }]);
    expect(result.results).toMatchObject({ count: 10, error: 0, status: 'ok', took: '0.004', total: 30, max_page: 3, page: 1 });
    expect((result.results as { results: unknown[] }).results).toHaveLength(10);
  });

  it('geolocalizes an address in one answer, with the key when the account has one and without it otherwise', async () => {
    const result = await run('geolocalize_ip', { ip: IP });
    expect(result.results).toMatchObject({ count: 1, results: [{ ip: IP, country: 'US', latitude: 37.4056 }] });
    const anonymous = await run('geolocalize_ip', { ip: IP }, { configuration: { base_url: configuration['base_url'] } });
    expect(anonymous.results).toMatchObject({ count: 1 });
    expect(onyphe.received.map((request) => request.authorization)).toEqual([`bearer ${KEY}`, undefined]);
  });

  it('aggregates the pages up to the budget from the first page asked, as the reference does', async () => {
    onyphe.state.documents = 10;
    const result = await run('get_ip_threat_list', { ip: IP, budget: 3, first_page: 2 });
    expect(onyphe.received.map((request) => request.query['page'])).toEqual(['2', '3', '4']);
    const results = result.results as { count: number; took: string; page: number; max_page: number; total: number; results: Array<{ n: number }> };
    expect({ count: results.count, took: results.took, page: results.page, max_page: results.max_page, total: results.total }).toEqual({ count: 30, took: '0.012', page: 4, max_page: 10, total: 100 });
    expect(results.results.map((document) => document.n)).toEqual(Array.from({ length: 30 }, (_, index) => index + 10));
  });

  it('takes every page Onyphe announces with a budget of 0, and stops at its last page under a larger budget', async () => {
    const all = await run('get_ip_syn_scan', { ip: IP, budget: 0 });
    expect(all.results).toMatchObject({ count: 30, page: 3, max_page: 3 });
    expect(onyphe.received).toHaveLength(3);
    await run('get_ip_syn_scan', { ip: IP, budget: 10 });
    expect(onyphe.received).toHaveLength(6);
  });

  it('keeps the pages already given when a later page is refused, marked as the reference marks them', async () => {
    onyphe.state.failPage = 2;
    const result = await run('get_ip_inetnum', { ip: IP, budget: 3 });
    expect(result.results).toMatchObject({ count: 10, page: 1, error: -1, status: 'nok', message: '429 rate limit reached (error 20)' });
    expect(logs.text()).toContain('a later page failed; the results hold the pages collected before it');
  });

  it('sends domains, MD5 digests and onion addresses in lower case, as Onyphe matches them', async () => {
    for (const lookup of LOOKUPS.filter((entry) => ['lookup_md5', 'get_onion_scan', 'get_domain_name_ctls'].includes(entry.action))) {
      const result = await run(lookup.action, lookup.arguments);
      expect((result.results as { count: number }).count).toBe(10);
    }
    expect(onyphe.received.map((request) => request.path)).toEqual(PAGED.slice(-3).map((lookup) => lookup.path));
  });

  it('refuses a value that is not an address, a digest, an onion or a domain before calling Onyphe', async () => {
    for (const [action, args, pointer] of [
      ['lookup_ip', { ip: '8.8.8' }, '/ip'],
      ['lookup_md5', { md5: 'not-a-digest' }, '/md5'],
      ['get_onion_scan', { onion: 'example.com' }, '/onion'],
      ['get_domain_name_ctls', { domain: 'nodot' }, '/domain'],
    ] as const) {
      const error = await plyErrorOf(run(action, args));
      expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
      expect(error.message).toContain(pointer);
    }
    expect(onyphe.received).toHaveLength(0);
  });

  it('looks a datascan up by address or by string, and refuses both or neither', async () => {
    await run('get_ip_datascan', { string: 'Apache/2.4 ' });
    expect(onyphe.received[0]!.path).toBe('/api/v2/simple/datascan/Apache%2F2.4%20');
    for (const args of [{}, { ip: IP, string: 'x' }]) {
      const error = await plyErrorOf(run('get_ip_datascan', args));
      expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
      expect(error.message).toContain("exactly one of 'ip' or 'string'");
    }
    expect(onyphe.received).toHaveLength(1);
  });

  it.each(PAGED)('$action: says the account needs an apikey, before calling Onyphe, when it has none', async (lookup) => {
    const error = await plyErrorOf(run(lookup.action, lookup.arguments, { configuration: { base_url: configuration['base_url'] } }));
    expect(error.code).toBe('PLY_CONFIGURATION_INVALID');
    expect(error.message).toContain('every Onyphe lookup but Geolocalize IP needs one');
    expect(onyphe.received).toHaveLength(0);
  });

  it.each(LOOKUPS)('$action: says the credentials were refused for a wrong key, without quoting it', async (lookup) => {
    const error = await plyErrorOf(run(lookup.action, lookup.arguments, { configuration: { ...configuration, apikey: 'wrong-onyphe-key-01' } }));
    expect(error.message).toContain('Onyphe refused the credentials of the account (HTTP 401: Invalid API key (error 1))');
    // The failed run's line is there to be searched: an empty log would pass.
    expect(logs.text()).toContain('action failed');
    expect(secretLeaks('wrong-onyphe-key-01', { error, logs: logs.text() })).toEqual([]);
  });

  it.each(LOOKUPS)('$action: names what was not found on 404', async (lookup) => {
    const error = await plyErrorOf(run(lookup.action, lookup.arguments, { configuration: { ...configuration, base_url: `${server.url}api/v9/` } }));
    expect(error.details['status']).toBe(404);
    expect(error.message).toMatch(/^(geolocation|[a-z0-9/]+ information) (of|on) \S+ was not found at Onyphe \(HTTP 404/);
  });

  it.each(LOOKUPS)('$action: waits for Retry-After on 429 and for a 5xx, then succeeds', async (lookup) => {
    onyphe.faults.failNext.push({ status: 429, retryAfter: '1' }, { status: 500 });
    const result = await run(lookup.action, lookup.arguments);
    // Retry-After: 1 s, capped at the test runtime's ceiling; the backoff alone would have waited 0 or 1 ms.
    expect(logs.records('HTTP request failed, retrying')[0]).toMatchObject({ status: 429, delayMs: TEST_HTTP_RETRY.maxDelayMs });
    expect(result.results).toMatchObject({ status: 'ok' });
    expect(onyphe.received).toHaveLength(3);
  });

  it.each(LOOKUPS)('$action: reports the 5xx once the retries are spent', async (lookup) => {
    onyphe.faults.failNext.push(...Array.from({ length: 10 }, () => ({ status: 503 as const })));
    const error = await plyErrorOf(run(lookup.action, lookup.arguments));
    expect(error.details['status']).toBe(503);
    expect(error.message).toContain('internal error (error 99)');
  });

  it.each(LOOKUPS)('$action: times out at the run deadline when Onyphe does not answer', async (lookup) => {
    onyphe.faults.delayNextMs = 5_000;
    expect((await plyErrorOf(run(lookup.action, lookup.arguments, { timeoutMs: 150 }))).code).toBe('PLY_ACTION_TIMEOUT');
  });

  it.each(LOOKUPS)('$action: reports an answer that is not JSON as a malformed vendor answer', async (lookup) => {
    onyphe.state.malformedNext = true;
    expect((await plyErrorOf(run(lookup.action, lookup.arguments))).code).toBe('PLY_VENDOR_RESPONSE_INVALID');
  });

  it.each(LOOKUPS)('$action: never lets the key through when Onyphe quotes it (raw, URL-encoded, in a header)', async (lookup) => {
    onyphe.state.echoNext = true;
    const error = await plyErrorOf(run(lookup.action, lookup.arguments));
    expect(error.details['status']).toBe(400);
    const success = await run(lookup.action, lookup.arguments);
    expect(logs.text()).toContain('action failed');
    expect(secretLeaks(KEY, { error, errorDetails: error.details, results: success.results, logs: logs.text() })).toEqual([]);
  });

  it('checks an account with the user call: accepted, refused, or without a key', async () => {
    await expect(ply.checkCredentials({ module: 'onyphe', configuration })).resolves.toBeUndefined();
    expect(onyphe.received.at(-1)).toMatchObject({ path: '/api/v2/user', authorization: `bearer ${KEY}` });
    const refused = await plyErrorOf(ply.checkCredentials({ module: 'onyphe', configuration: { ...configuration, apikey: 'nope-key-123' } }));
    expect(refused.message).toContain('Onyphe refused the credentials of the account');
    const missing = await plyErrorOf(ply.checkCredentials({ module: 'onyphe', configuration: { base_url: configuration['base_url'] } }));
    expect(missing.code).toBe('PLY_CONFIGURATION_INVALID');
  });
});
