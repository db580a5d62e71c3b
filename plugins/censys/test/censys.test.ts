import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ply } from '@ply/core';
import { createTestPly, plyErrorOf, secretLeaks, startFakeServer, TEST_HTTP_RETRY, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { CERTIFICATE, fakeCensys } from './fake-censys.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const API_ID = 'c3n5y5-api-id';
const SECRET = 'censys-canary-Secret/9+q=';

/** One call per action, with arguments the fake answers. */
const CALLS = [
  { action: 'search', arguments: { index: 'ipv4', query: 'services.service_name: HTTP' } },
  { action: 'view_item', arguments: { index: 'ipv4', item: '82.244.181.36' } },
  { action: 'get_report', arguments: { index: 'ipv4', query: 'services.service_name: HTTP', field: 'location.country' } },
] as const;

describe('Censys (Search 2.0) through the executor', () => {
  // A fresh fake, runtime and log per test: no test sees the requests, faults or log lines of another.
  let censys: ReturnType<typeof fakeCensys>;
  let server: FakeServer;
  let ply: Ply;
  let home: string;
  let logs: ReturnType<typeof createTestPly>['logs'];
  let configuration: Record<string, unknown>;

  beforeEach(async () => {
    censys = fakeCensys(API_ID, SECRET);
    server = await startFakeServer(censys.app.fetch);
    configuration = { api_user_id: API_ID, api_user_secret: SECRET, base_url: `${server.url}api/` };
    ({ ply, logs, home } = createTestPly({ plugins: [{ moduleDir, plugin }] }));
  });
  afterEach(() => server.close());

  const run = (action: string, args: Record<string, unknown>, extra: { timeoutMs?: number; configuration?: Record<string, unknown> } = {}) =>
    ply.run({ action: `censys.${action}`, arguments: args, configuration: extra.configuration ?? configuration, runId: randomUUID(), ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) });

  /** The JSON of a run's results file. */
  const resultFile = (result: Awaited<ReturnType<typeof run>>): unknown => JSON.parse(readFileSync(join(home, 'runs', result.runId, (result.results as { result_path: string }).result_path), 'utf8'));

  it('searches hosts for the ipv4 index, 100 hits a request, one request by default, hits to the results file', async () => {
    const result = await run('search', { index: 'ipv4', query: 'services.service_name: HTTP' });
    expect(censys.received).toEqual([{ path: '/api/v2/hosts/search', query: { q: ['services.service_name: HTTP'], per_page: ['100'] } }]);
    expect(result.results).toMatchObject({ count: 100, result_path: expect.stringMatching(/\.json$/) as unknown });
    const hits = resultFile(result) as Array<{ ip: string }>;
    expect(hits).toHaveLength(100);
    expect(hits[0]).toMatchObject({ ip: '192.0.2.0', services: [{ port: 80 }] });
  });

  it('follows the cursor for up to max_requests requests, and to the last page with 0', async () => {
    const three = await run('search', { index: 'ipv4', query: 'x', max_requests: 2 });
    expect((resultFile(three) as unknown[]).length).toBe(200);
    expect(censys.received.map((request) => request.query['cursor']?.[0])).toEqual([undefined, Buffer.from('100').toString('base64url')]);
    const all = await run('search', { index: 'ipv4', query: 'x', max_requests: 0 });
    expect(all.results).toMatchObject({ count: 250 });
    expect(censys.received).toHaveLength(5);
  });

  it('bounds the last update for last_run, on the field of each index, and passes the fields asked', async () => {
    await run('search', { index: 'ipv4', query: 'port: 22', last_run: '2019-10-12T10:22:45', fields: ['ip', 'services.port'] });
    expect(censys.received[0]!.query).toMatchObject({ q: ['(port: 22) AND last_updated_at: [2019-10-12T10:22:45 TO *]'], fields: ['ip', 'services.port'] });
    await run('search', { index: 'certificates', query: 'names: example.org', last_run: '2019-10-12' });
    expect(censys.received[1]).toMatchObject({ path: '/api/v2/certificates/search', query: { q: ['(names: example.org) AND modified_at: [2019-10-12 TO *]'] } });
  });

  it('maps the websites index onto the virtual hosts of Search 2.0', async () => {
    const result = await run('search', { index: 'websites', query: 'services.http.response.html_title: "Login"' });
    expect(censys.received[0]).toMatchObject({ path: '/api/v2/hosts/search', query: { virtual_hosts: ['ONLY'] } });
    expect((resultFile(result) as Array<{ name?: string }>)[0]!.name).toBe('www0.example.com');
  });

  it('views a host or a certificate into the results file, and refuses to view a website before calling', async () => {
    const host = await run('view_item', { index: 'ipv4', item: '82.244.181.36' });
    expect(resultFile(host)).toMatchObject({ ip: '82.244.181.36', location: { city: 'Versailles' } });
    const certificate = await run('view_item', { index: 'certificates', item: CERTIFICATE });
    expect(resultFile(certificate)).toMatchObject({ fingerprint_sha256: CERTIFICATE });
    expect(censys.received.map((request) => request.path)).toEqual(['/api/v2/hosts/82.244.181.36', `/api/v2/certificates/${CERTIFICATE}`]);
    const website = await plyErrorOf(run('view_item', { index: 'websites', item: 'lemonde.fr' }));
    expect(website.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(website.message).toContain('Censys Search 2.0 has no websites index to view an item of');
    expect(censys.received).toHaveLength(2);
  });

  it('names the host that was not found, and passes a refused item on in Censys\'s words', async () => {
    expect((await plyErrorOf(run('view_item', { index: 'ipv4', item: '192.0.2.99' }))).message).toBe('host 192.0.2.99 was not found at Censys (HTTP 404: host 192.0.2.99 not found)');
    const invalid = await plyErrorOf(run('view_item', { index: 'ipv4', item: 'not-an-ip' }));
    expect(invalid.details['status']).toBe(422);
    expect(invalid.message).toContain('not-an-ip is not a valid IP address');
  });

  it('writes the report in the v1 shape the reference returned, from the v2 aggregate, buckets capped at 500', async () => {
    const result = await run('get_report', { index: 'ipv4', query: 'services.service_name: HTTP', field: 'location.country', buckets: 2 });
    expect(censys.received[0]).toEqual({ path: '/api/v2/hosts/aggregate', query: { q: ['services.service_name: HTTP'], field: ['location.country'], num_buckets: ['2'] } });
    expect(resultFile(result)).toEqual({
      status: 'ok',
      results: [
        { key: 'United States', doc_count: 2_083_805 },
        { key: 'Japan', doc_count: 593_265 },
      ],
      metadata: { count: 5_635_690, other_result_count: 8195, error_bound: 0, buckets: 2, query: 'services.service_name: HTTP', field: 'location.country' },
    });
    await run('get_report', { index: 'certificates', query: 'x', field: 'parsed.issuer.organization', buckets: 900 });
    expect(censys.received[1]).toMatchObject({ path: '/api/v2/certificates/aggregate', query: { num_buckets: ['500'] } });
    await run('get_report', { index: 'websites', query: 'x', field: 'location.country' });
    expect(censys.received[2]!.query).toMatchObject({ num_buckets: ['50'], virtual_hosts: ['ONLY'] });
  });

  it.each(CALLS)('$action: says the credentials were refused for a wrong secret, without quoting it', async (call) => {
    const error = await plyErrorOf(run(call.action, call.arguments, { configuration: { ...configuration, api_user_secret: 'wrong-censys-secret' } }));
    expect(error.message).toContain('Censys refused the credentials of the account (HTTP 401: You must authenticate with a valid API ID and secret.)');
    // The failed run's line is there to be searched: an empty log would pass.
    expect(logs.text()).toContain('action failed');
    expect(secretLeaks('wrong-censys-secret', { error, logs: logs.text() })).toEqual([]);
  });

  it.each(CALLS)('$action: reports a 404 (a base URL on a wrong path)', async (call) => {
    const error = await plyErrorOf(run(call.action, call.arguments, { configuration: { ...configuration, base_url: `${server.url}v9/` } }));
    expect(error.details['status']).toBe(404);
    expect(error.message).toContain('was not found at Censys (HTTP 404');
  });

  it.each(CALLS)('$action: waits for Retry-After on 429 and for a 5xx, then succeeds', async (call) => {
    censys.faults.failNext.push({ status: 429, retryAfter: '1' }, { status: 502 });
    const result = await run(call.action, call.arguments);
    // Retry-After: 1 s, capped at the test runtime's ceiling; the backoff alone would have waited 0 or 1 ms.
    expect(logs.records('HTTP request failed, retrying')[0]).toMatchObject({ status: 429, delayMs: TEST_HTTP_RETRY.maxDelayMs });
    expect(resultFile(result)).toBeTruthy();
    expect(censys.received).toHaveLength(3);
  });

  it.each(CALLS)('$action: reports the 5xx once the retries are spent', async (call) => {
    censys.faults.failNext.push(...Array.from({ length: 10 }, () => ({ status: 503 as const })));
    const error = await plyErrorOf(run(call.action, call.arguments));
    expect(error.details['status']).toBe(503);
  });

  it.each(CALLS)('$action: times out at the run deadline when Censys does not answer', async (call) => {
    censys.faults.delayNextMs = 5_000;
    expect((await plyErrorOf(run(call.action, call.arguments, { timeoutMs: 150 }))).code).toBe('PLY_ACTION_TIMEOUT');
  });

  it.each(CALLS)('$action: reports an answer that is not JSON as a malformed vendor answer', async (call) => {
    censys.state.malformedNext = true;
    expect((await plyErrorOf(run(call.action, call.arguments))).code).toBe('PLY_VENDOR_RESPONSE_INVALID');
  });

  it.each(CALLS)('$action: never lets the secret through when Censys quotes it (raw, URL-encoded, in a header)', async (call) => {
    censys.state.echoNext = true;
    const error = await plyErrorOf(run(call.action, call.arguments));
    expect(error.details['status']).toBe(400);
    const success = await run(call.action, call.arguments);
    expect(logs.text()).toContain('action failed');
    expect(secretLeaks(SECRET, { error, errorDetails: error.details, results: success.results, file: resultFile(success), logs: logs.text() })).toEqual([]);
  });

  it('checks an account with the account call: accepted, or refused', async () => {
    await expect(ply.checkCredentials({ module: 'censys', configuration })).resolves.toBeUndefined();
    expect(censys.received).toEqual([{ path: '/api/v1/account', query: {} }]);
    const refused = await plyErrorOf(ply.checkCredentials({ module: 'censys', configuration: { ...configuration, api_user_id: 'someone-else' } }));
    expect(refused.message).toContain('Censys refused the credentials of the account');
  });
});
