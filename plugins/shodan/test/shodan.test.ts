import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestPly, plyErrorOf, startFakeServer, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { CANARY_IP, SEARCH_TOTAL, fakeShodan } from './fake-shodan.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const API_KEY = 'shodan-canary-Key+7f3a/9c';

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

/** A fresh fake, runtime and log for one test. */
async function setup() {
  const shodan = fakeShodan(API_KEY);
  const server = await startFakeServer(shodan.app.fetch);
  servers.push(server);
  const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] });
  const configuration = { api_key: API_KEY, base_url: server.url };
  const run = (action: string, args: Record<string, unknown>, extra: { timeoutMs?: number; configuration?: Record<string, unknown> } = {}) =>
    ply.run({ action: `shodan.${action}`, arguments: args, configuration: extra.configuration ?? configuration, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) });
  return { shodan, ply, logs, configuration, run };
}

describe('Shodan hosts through the executor', () => {
  it('gets a host with the key in the query and the flags as booleans, keeping null fields', async () => {
    const { shodan, run } = await setup();
    const result = await run('get_host', { ip: '8.8.8.8', history: false });
    expect(shodan.received).toEqual([{ path: '/shodan/host/8.8.8.8', query: { key: API_KEY, history: 'false' } }]);
    const host = result.results as { ports: number[]; data: Array<{ port: number }>; area_code: unknown; org: string };
    expect(host.ports).toEqual([53, 443]);
    expect(host.data.map((banner) => banner.port)).toEqual([53, 443]);
    expect(host.area_code).toBeNull();
    expect(host.org).toBe('Google LLC');
  });

  it('names the host Shodan has no information on (404)', async () => {
    const { run } = await setup();
    const error = await plyErrorOf(run('get_host', { ip: '198.51.100.7' }));
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.details['status']).toBe(404);
    expect(error.message).toBe('host 198.51.100.7 was not found at Shodan (HTTP 404: No information available for that IP.)');
  });

  it('says the key was refused (401) without quoting it, and does not retry', async () => {
    const { shodan, run, logs, configuration } = await setup();
    const wrong = 'wrong-key-0a1b2c';
    const error = await plyErrorOf(run('get_host', { ip: '8.8.8.8' }, { configuration: { ...configuration, api_key: wrong } }));
    expect(error.message).toBe('Shodan refused the credentials of the account (HTTP 401: Please provide a valid API key)');
    expect(shodan.received).toHaveLength(1);
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(wrong);
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.text()).not.toContain(wrong);
  });

  it('waits for Retry-After on 429 and then gets the host', async () => {
    const { shodan, run, logs } = await setup();
    shodan.faults.failNext.push({ status: 429, retryAfter: '0' });
    const result = await run('get_host', { ip: '8.8.8.8' });
    expect((result.results as { ip_str: string }).ip_str).toBe('8.8.8.8');
    expect(shodan.received).toHaveLength(2);
    expect(logs.text()).toContain('HTTP request failed, retrying');
  });

  it('retries a lookup answered 503 (a GET is safe to repeat), and reports the status once retries run out', async () => {
    const { shodan, run } = await setup();
    shodan.faults.failNext.push({ status: 503 });
    expect(((await run('get_host', { ip: '8.8.8.8' })).results as { ip_str: string }).ip_str).toBe('8.8.8.8');
    shodan.faults.failNext.push({ status: 502 }, { status: 502 }, { status: 502 }, { status: 502 });
    const error = await plyErrorOf(run('get_host', { ip: '8.8.8.8' }));
    expect(error.details).toMatchObject({ status: 502, attempts: 4 });
    expect(error.message).toContain('answered HTTP 502: The server encountered an internal error.');
  });

  it('times out when Shodan does not answer within the run deadline', async () => {
    const { shodan, run } = await setup();
    shodan.faults.delayNextMs = 5_000;
    const error = await plyErrorOf(run('get_host', { ip: '8.8.8.8' }, { timeoutMs: 200 }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
  });

  it('keeps the key out of results, errors and logs when Shodan echoes it (raw, URL-encoded, in a header)', async () => {
    const { run, logs } = await setup();
    const error = await plyErrorOf(run('get_host', { ip: CANARY_IP }));
    expect(error.details['status']).toBe(400);
    const seen = JSON.stringify({ message: error.message, details: error.details }) + logs.text();
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const form of [API_KEY, encodeURIComponent(API_KEY), Buffer.from(API_KEY).toString('base64')]) expect(seen).not.toContain(form);
  });

  it('refuses a run without the key, naming it, before calling Shodan', async () => {
    const { shodan, run, configuration } = await setup();
    const error = await plyErrorOf(run('get_host', { ip: '8.8.8.8' }, { configuration: { base_url: configuration.base_url } }));
    expect(error.code).toBe('PLY_CONFIGURATION_INVALID');
    expect(error.message).toContain('api_key');
    expect(shodan.received).toHaveLength(0);
  });
});

describe('Shodan searches through the executor', () => {
  it('counts hosts with facets, without spending search credits', async () => {
    const { shodan, run } = await setup();
    const result = await run('count_hosts', { query: 'apache country:FR', facets: 'org:2' });
    expect(shodan.received[0]).toEqual({ path: '/shodan/host/count', query: { key: API_KEY, query: 'apache country:FR', facets: 'org:2' } });
    expect(result.results).toEqual({ matches: [], total: SEARCH_TOTAL, facets: { org: [{ count: 120, value: 'Google LLC' }, { count: 80, value: 'Cloudflare, Inc.' }] } });
  });

  it('searches one page by default and does not send max_pages', async () => {
    const { shodan, run } = await setup();
    const result = await run('search_host', { query: 'apache', minify: true });
    expect(shodan.received).toEqual([{ path: '/shodan/host/search', query: { key: API_KEY, query: 'apache', minify: 'true', page: '1' } }]);
    expect((result.results as { matches: unknown[]; total: number }).matches).toHaveLength(100);
  });

  it('pages up to the last page of the total, one request a second, and concatenates the matches', async () => {
    const { shodan, run } = await setup();
    const result = await run('search_host', { query: 'apache', max_pages: 5 });
    expect(shodan.received.map((request) => request.query['page'])).toEqual(['1', '2', '3']);
    const { matches, total } = result.results as { matches: Array<{ ip_str: string }>; total: number };
    expect(total).toBe(SEARCH_TOTAL);
    expect(matches).toHaveLength(SEARCH_TOTAL);
    expect(new Set(matches.map((entry) => entry.ip_str)).size).toBe(SEARCH_TOTAL);
  });

  it('stops at max_pages while Shodan has more', async () => {
    const { shodan, run, logs } = await setup();
    const result = await run('search_host', { query: 'apache', max_pages: 2 });
    expect(shodan.received.map((request) => request.query['page'])).toEqual(['1', '2']);
    expect((result.results as { matches: unknown[] }).matches).toHaveLength(200);
    expect(logs.text()).toContain('paging stopped at its page bound');
  });

  it('reports a search answer that is not JSON as a malformed vendor answer', async () => {
    const { run } = await setup();
    const error = await plyErrorOf(run('search_host', { query: 'malformed' }));
    expect(error.code).toBe('PLY_VENDOR_RESPONSE_INVALID');
  });

  it('refuses a search without a query before calling Shodan', async () => {
    const { shodan, run } = await setup();
    const error = await plyErrorOf(run('search_host', { facets: 'org' }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('query');
    expect(shodan.received).toHaveLength(0);
  });
});

describe('Shodan DNS through the executor', () => {
  it('lists the DNS entries of a domain, and names an unknown one', async () => {
    const { run } = await setup();
    const result = await run('get_dns_domain', { domain: 'example.org' });
    expect((result.results as { data: Array<{ subdomain: string }> }).data.map((entry) => entry.subdomain)).toEqual(['www', '']);
    const error = await plyErrorOf(run('get_dns_domain', { domain: 'nowhere.example' }));
    expect(error.message).toContain('domain nowhere.example was not found at Shodan');
  });

  it('resolves hostnames and reverses IPs, the lists sent comma-separated', async () => {
    const { shodan, run } = await setup();
    const resolved = await run('lookup_ips', { hostnames: ['dns.google', 'nothing.example'] });
    expect(resolved.results).toEqual({ 'dns.google': '8.8.8.8', 'nothing.example': null });
    const reversed = await run('lookup_dns', { ips: ['8.8.8.8', '192.0.2.1'] });
    expect(reversed.results).toEqual({ '8.8.8.8': ['dns.google'], '192.0.2.1': null });
    expect(shodan.received.map((request) => [request.path, request.query['hostnames'] ?? request.query['ips']])).toEqual([
      ['/dns/resolve', 'dns.google,nothing.example'],
      ['/dns/reverse', '8.8.8.8,192.0.2.1'],
    ]);
  });
});

describe('Shodan account check', () => {
  it("accepts a key Shodan knows through account/profile, and says when it refuses one", async () => {
    const { shodan, ply, configuration } = await setup();
    await ply.checkCredentials({ module: 'shodan', configuration });
    expect(shodan.received).toEqual([{ path: '/account/profile', query: { key: API_KEY } }]);
    const error = await plyErrorOf(ply.checkCredentials({ module: 'shodan', configuration: { ...configuration, api_key: 'revoked-key-777' } }));
    expect(error.message).toContain('Shodan refused the credentials of the account (HTTP 401');
    expect(error.message).not.toContain('revoked-key-777');
  });
});
