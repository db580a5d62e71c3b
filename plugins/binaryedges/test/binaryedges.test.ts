import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ply } from '@ply/core';
import { createTestPly, plyErrorOf, secretLeaks, startFakeServer, TEST_HTTP_RETRY, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { KNOWN_EMAIL, KNOWN_HOST } from './binaryedge-documents.js';
import { fakeBinaryEdge } from './fake-binaryedge.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const KEY = 'be-canary-Key/55+x=';

/** Every action with arguments the fake answers, the request it must make, and a key its results hold. */
const CALLS = [
  { action: 'get_details', arguments: { target: KNOWN_HOST }, path: `/v2/query/ip/${KNOWN_HOST}`, query: {}, holds: 'events' },
  { action: 'get_history', arguments: { target: KNOWN_HOST }, path: `/v2/query/ip/historical/${KNOWN_HOST}`, query: {}, holds: 'events' },
  { action: 'list_cves', arguments: { target: KNOWN_HOST }, path: `/v2/query/cve/ip/${KNOWN_HOST}`, query: {}, holds: 'events' },
  { action: 'get_score', arguments: { target: KNOWN_HOST }, path: `/v2/query/score/ip/${KNOWN_HOST}`, query: {}, holds: 'normalized_ip_score' },
  { action: 'search_events', arguments: { query: 'product:"OpenSSH"', only_ips: 1 }, path: '/v2/query/search', query: { query: 'product:"OpenSSH"', only_ips: '1', page: '1' }, holds: 'events' },
  { action: 'get_statistics', arguments: { query: 'port:22', type: 'ports', order: 'desc' }, path: '/v2/query/search/stats', query: { query: 'port:22', type: 'ports', order: 'desc' }, holds: 0 },
  { action: 'list_subdomains', arguments: { target: 'example.com' }, path: '/v2/query/domains/subdomain/example.com', query: { page: '1' }, holds: 'events' },
  { action: 'list_dns_targets_by_domain', arguments: { target: 'example.com' }, path: '/v2/query/domains/dns/example.com', query: { page: '1' }, holds: 'events' },
  { action: 'list_domains_by_ip', arguments: { target: '192.0.2.1' }, path: '/v2/query/domains/ip/192.0.2.1', query: { page: '1' }, holds: 'events' },
  { action: 'search_domains', arguments: { query: 'mx:mx.example.net' }, path: '/v2/query/domains/search', query: { query: 'mx:mx.example.net', page: '1' }, holds: 'events' },
  { action: 'search_dataleaks_by_email', arguments: { email: KNOWN_EMAIL }, path: `/v2/query/dataleaks/email/${encodeURIComponent(KNOWN_EMAIL)}`, query: {}, holds: 'events' },
  { action: 'search_dataleaks_by_organization', arguments: { domain: 'example.org' }, path: '/v2/query/dataleaks/organization/example.org', query: {}, holds: 'groups' },
  { action: 'get_dataleaks_trackers', arguments: {}, path: '/v2/query/dataleaks/info', query: {}, holds: 'sktorrent' },
  { action: 'list_screenshots', arguments: { target: KNOWN_HOST }, path: `/v2/query/image/ip/${KNOWN_HOST}`, query: { page: '1' }, holds: 'events' },
  { action: 'search_screenshots', arguments: { query: 'tags:rdp' }, path: '/v2/query/image/search', query: { query: 'tags:rdp', page: '1' }, holds: 'events' },
  { action: 'list_tags_for_screenshots', arguments: {}, path: '/v2/query/image/tags', query: {}, holds: 0 },
  { action: 'get_sensors', arguments: { target: KNOWN_HOST }, path: `/v2/query/sensors/ip/${KNOWN_HOST}`, query: {}, holds: 'targets_found' },
  { action: 'search_sensors', arguments: { query: 'tags:ssh_scanner', days: 7 }, path: '/v2/query/sensors/search', query: { query: 'tags:ssh_scanner', days: '7', page: '1' }, holds: 'events' },
  { action: 'get_sensors_statistics', arguments: { query: 'tags:ssh_scanner', type: 'ports', days: 1 }, path: '/v2/query/sensors/search/stats', query: { query: 'tags:ssh_scanner', type: 'ports', days: '1' }, holds: 0 },
  { action: 'list_ips_from_tag', arguments: { tag: 'MALICIOUS', days: 2 }, path: '/v2/query/sensors/tag/MALICIOUS', query: { days: '2' }, holds: 0 },
  { action: 'get_torrent_activity', arguments: { target: KNOWN_HOST }, path: `/v2/query/torrent/ip/${KNOWN_HOST}`, query: {}, holds: 'events' },
  { action: 'get_torrent_history', arguments: { target: KNOWN_HOST }, path: `/v2/query/torrent/historical/${KNOWN_HOST}`, query: {}, holds: 'events' },
  { action: 'search_torrent_activities', arguments: { query: 'torrent.category:software' }, path: '/v2/query/torrent/search', query: { query: 'torrent.category:software', page: '1' }, holds: 'events' },
  { action: 'get_torrent_statistics', arguments: { query: 'torrent.category:software', type: 'countries', days: 3 }, path: '/v2/query/torrent/search/stats', query: { query: 'torrent.category:software', type: 'countries', days: '3' }, holds: 0 },
  { action: 'get_user_subscription', arguments: {}, path: '/v2/user/subscription', query: {}, holds: 'requests_left' },
] as const;

describe("BinaryEdge's API through the executor", () => {
  // A fresh fake, runtime and log per test: no test sees the requests, faults or log lines of another.
  let binaryEdge: ReturnType<typeof fakeBinaryEdge>;
  let server: FakeServer;
  let ply: Ply;
  let logs: ReturnType<typeof createTestPly>['logs'];
  let configuration: Record<string, unknown>;

  beforeEach(async () => {
    binaryEdge = fakeBinaryEdge(KEY);
    server = await startFakeServer(binaryEdge.app.fetch);
    configuration = { api_key: KEY, base_url: `${server.url}v2/` };
    ({ ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] }));
  });
  afterEach(() => server.close());

  const run = (action: string, args: Record<string, unknown>, extra: { timeoutMs?: number; configuration?: Record<string, unknown> } = {}) =>
    ply.run({ action: `binaryedges.${action}`, arguments: args, configuration: extra.configuration ?? configuration, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) });

  it('covers all 25 reference actions', () => {
    expect(CALLS).toHaveLength(25);
    expect(new Set(CALLS.map((call) => call.action)).size).toBe(Object.keys(plugin.actions).length);
  });

  it.each(CALLS)('$action: asks $path with the key in X-Key, and returns what BinaryEdge answered', async (call) => {
    const result = await run(call.action, call.arguments);
    expect(binaryEdge.received).toEqual([{ path: call.path, query: call.query }]);
    expect(result.results).toHaveProperty(String(call.holds));
  });

  it('fetches one page by default, as the reference does: each page costs a query credit', async () => {
    const result = await run('search_events', { query: 'port:22' });
    expect(binaryEdge.received).toHaveLength(1);
    expect(result.results).toMatchObject({ page: 1, pagesize: 20, total: 50 });
    expect((result.results as { events: unknown[] }).events).toHaveLength(20);
  });

  it('joins the events of up to max_pages pages from the page asked, and stops when BinaryEdge has no more', async () => {
    binaryEdge.state.searchTotal = 90;
    const result = await run('search_sensors', { query: 'tags:ssh_scanner', page: 2, max_pages: 10 });
    expect(binaryEdge.received.map((request) => request.query['page'])).toEqual(['2', '3', '4', '5']);
    expect((result.results as { events: unknown[] }).events).toHaveLength(70);
    const domains = await run('list_subdomains', { target: 'example.com', max_pages: 2 });
    expect((domains.results as { events: string[] }).events).toEqual(Array.from({ length: 200 }, (_, index) => `h${index}.example.com`));
    expect(logs.text()).toContain('paging stopped at its page bound; the vendor has more');
  });

  it('refuses a search without its query, and a page beyond BinaryEdge\'s 500, before calling it', async () => {
    for (const args of [{}, { query: '' }, { query: 'x', page: 501 }]) {
      expect((await plyErrorOf(run('search_events', args))).code).toBe('PLY_ARGUMENTS_INVALID');
    }
    expect(binaryEdge.received).toHaveLength(0);
  });

  it("passes BinaryEdge's refusal of an unknown statistic type on, in its words", async () => {
    const error = await plyErrorOf(run('get_statistics', { query: 'port:22', type: 'colours' }));
    expect(error.details['status']).toBe(400);
    expect(error.message).toContain('type must be one of ports, products, versions, tags, services, countries, asn');
  });

  it('names what was not found: an e-mail address no leak holds, a host the sensors never saw', async () => {
    const email = await plyErrorOf(run('search_dataleaks_by_email', { email: 'nobody@example.org' }));
    expect(email.message).toBe("e-mail address nobody@example.org was not found at BinaryEdge's API (HTTP 404: Search term not found)");
    const sensors = await plyErrorOf(run('get_sensors', { target: '192.0.2.77' }));
    expect(sensors.message).toContain("host 192.0.2.77 was not found at BinaryEdge's API (HTTP 404");
  });

  it.each(CALLS)('$action: says the credentials were refused for a wrong key, without quoting it', async (call) => {
    const error = await plyErrorOf(run(call.action, call.arguments, { configuration: { ...configuration, api_key: 'wrong-be-key-0001' } }));
    expect(error.message).toContain("BinaryEdge's API refused the credentials of the account (HTTP 401: Invalid API key)");
    // The failed run's line is there to be searched: an empty log would pass.
    expect(logs.text()).toContain('action failed');
    expect(secretLeaks('wrong-be-key-0001', { error, logs: logs.text() })).toEqual([]);
  });

  it.each(CALLS)('$action: reports a 404 (a base URL on a wrong path)', async (call) => {
    const error = await plyErrorOf(run(call.action, call.arguments, { configuration: { ...configuration, base_url: `${server.url}v9/` } }));
    expect(error.details['status']).toBe(404);
    expect(error.message).toContain("was not found at BinaryEdge's API (HTTP 404");
  });

  it.each(CALLS)('$action: waits for Retry-After on 429 and for a 5xx, then succeeds', async (call) => {
    binaryEdge.faults.failNext.push({ status: 429, retryAfter: '1' }, { status: 502 });
    const result = await run(call.action, call.arguments);
    // Retry-After: 1 s, capped at the test runtime's ceiling; the backoff alone would have waited 0 or 1 ms.
    expect(logs.records('HTTP request failed, retrying')[0]).toMatchObject({ status: 429, delayMs: TEST_HTTP_RETRY.maxDelayMs });
    expect(result.results).toHaveProperty(String(call.holds));
    expect(binaryEdge.received).toHaveLength(3);
  });

  it.each(CALLS)('$action: reports the 5xx once the retries are spent', async (call) => {
    binaryEdge.faults.failNext.push(...Array.from({ length: 10 }, () => ({ status: 503 as const })));
    const error = await plyErrorOf(run(call.action, call.arguments));
    expect(error.details['status']).toBe(503);
    expect(error.message).toContain('injected failure 503');
  });

  it.each(CALLS)('$action: times out at the run deadline when BinaryEdge does not answer', async (call) => {
    binaryEdge.faults.delayNextMs = 5_000;
    expect((await plyErrorOf(run(call.action, call.arguments, { timeoutMs: 150 }))).code).toBe('PLY_ACTION_TIMEOUT');
  });

  it.each(CALLS)('$action: reports an answer that is not JSON as a malformed vendor answer', async (call) => {
    binaryEdge.state.malformedNext = true;
    expect((await plyErrorOf(run(call.action, call.arguments))).code).toBe('PLY_VENDOR_RESPONSE_INVALID');
  });

  it.each(CALLS)('$action: never lets the key through when BinaryEdge quotes it (raw, URL-encoded, in a header)', async (call) => {
    binaryEdge.state.echoNext = true;
    const error = await plyErrorOf(run(call.action, call.arguments));
    expect(error.details['status']).toBe(400);
    const success = await run(call.action, call.arguments);
    expect(logs.text()).toContain('action failed');
    expect(secretLeaks(KEY, { error, errorDetails: error.details, results: success.results, logs: logs.text() })).toEqual([]);
  });

  it('checks an account with its subscription: accepted, or refused', async () => {
    await expect(ply.checkCredentials({ module: 'binaryedges', configuration })).resolves.toBeUndefined();
    expect(binaryEdge.received).toEqual([{ path: '/v2/user/subscription', query: {} }]);
    const refused = await plyErrorOf(ply.checkCredentials({ module: 'binaryedges', configuration: { ...configuration, api_key: 'nope-be-key-1' } }));
    expect(refused.message).toContain("BinaryEdge's API refused the credentials of the account");
  });

  it('refuses an account without the key, naming it, before calling BinaryEdge', async () => {
    const error = await plyErrorOf(run('get_details', { target: KNOWN_HOST }, { configuration: { base_url: configuration['base_url'] } }));
    expect(error.code).toBe('PLY_CONFIGURATION_INVALID');
    expect(error.message).toContain('api_key');
    expect(binaryEdge.received).toHaveLength(0);
  });
});
