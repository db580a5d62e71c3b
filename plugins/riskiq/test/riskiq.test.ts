import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestPly, plyErrorOf, startFakeServer, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { CANARY_IP, KNOWN_SHA1, fakeRiskiq } from './fake-riskiq.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const TOKEN = 'riq-token-5e7a';
const PRIVATE_KEY = 'riq-Private+Key/93c1';

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function setup() {
  const riskiq = fakeRiskiq(TOKEN, PRIVATE_KEY);
  const server = await startFakeServer(riskiq.app.fetch);
  servers.push(server);
  const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] });
  const configuration = { base_url: server.url, api_key: TOKEN, api_secret: PRIVATE_KEY };
  const run = (action: string, args: Record<string, unknown>, extra: { timeoutMs?: number; configuration?: Record<string, unknown> } = {}) =>
    ply.run({ action: `riskiq.${action}`, arguments: args, configuration: extra.configuration ?? configuration, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) });
  return { riskiq, logs, configuration, run };
}

// Every lookup: its arguments, the request RiskIQ must get, and a result it answers.
const LOOKUPS: Array<{ action: string; args: Record<string, unknown>; path: string; query: Record<string, string>; check: (results: Record<string, unknown>) => unknown }> = [
  { action: 'ip_passive_dns', args: { ip: '8.8.8.8', max: 10, lastSeenAfter: '2026-01-01' }, path: '/v0/pdns/data/ip', query: { ip: '8.8.8.8', max: '10', lastSeenAfter: '2026-01-01' }, check: (r) => r['recordCount'] },
  { action: 'name_passive_dns', args: { name: 'riskiq.net', type: 'A', firstSeenBefore: '2026-12-01' }, path: '/v0/pdns/data/name', query: { name: 'riskiq.net', type: 'A', firstSeenBefore: '2026-12-01' }, check: (r) => r['recordCount'] },
  { action: 'hex_passive_dns', args: { hex: '00cf', max: '5' }, path: '/v0/pdns/data/raw', query: { hex: '00cf', max: '5' }, check: (r) => r['recordCount'] },
  { action: 'ssl_hosts', args: { certSha1: KNOWN_SHA1 }, path: '/v1/ssl/host', query: { certSha1: KNOWN_SHA1 }, check: (r) => r['totalElements'] },
  { action: 'ssl_certificates_by_host', args: { host: 'dns.google' }, path: '/v1/ssl/cert/host', query: { host: 'dns.google' }, check: (r) => (r['content'] as Array<{ sha1: string }>)[0]!.sha1 },
  { action: 'ssl_certificates_by_name', args: { name: 'dns.google' }, path: '/v1/ssl/cert/name', query: { name: 'dns.google' }, check: (r) => r['totalElements'] },
  { action: 'ssl_certificates_by_serial_number', args: { serial: '0a1b' }, path: '/v1/ssl/cert/serial', query: { serial: '0a1b' }, check: (r) => r['totalElements'] },
  { action: 'ssl_certificats_by_sha1', args: { sha1: KNOWN_SHA1 }, path: '/v1/ssl/cert/sha1', query: { sha1: KNOWN_SHA1 }, check: (r) => r['serialNumber'] },
  { action: 'whois', args: { domain: 'riskiq.net', exact: true }, path: '/v0/whois/domain', query: { domain: 'riskiq.net', exact: 'true' }, check: (r) => r['results'] },
  { action: 'reverse_address', args: { address: '22 Battery St', maxResults: 3 }, path: '/v0/whois/address', query: { address: '22 Battery St', maxResults: '3' }, check: (r) => r['results'] },
  { action: 'reverse_email', args: { email: 'domains@riskiq.net' }, path: '/v0/whois/email', query: { email: 'domains@riskiq.net' }, check: (r) => r['results'] },
  { action: 'reverse_name', args: { name: 'Domain Admin' }, path: '/v0/whois/name', query: { name: 'Domain Admin' }, check: (r) => r['results'] },
  { action: 'reverse_nameserver', args: { nameserver: 'ns1.riskiq.net' }, path: '/v0/whois/nameserver', query: { nameserver: 'ns1.riskiq.net' }, check: (r) => r['results'] },
  { action: 'reverse_organization', args: { org: 'RiskIQ, Inc.' }, path: '/v0/whois/org', query: { org: 'RiskIQ, Inc.' }, check: (r) => r['results'] },
  { action: 'reverse_phone', args: { phone: '+1.8884154447' }, path: '/v0/whois/phone', query: { phone: '+1.8884154447' }, check: (r) => r['results'] },
];
const EXPECTED: Record<string, unknown> = { ip_passive_dns: 2, name_passive_dns: 1, hex_passive_dns: 1, ssl_hosts: 1, ssl_certificates_by_host: KNOWN_SHA1, ssl_certificates_by_name: 1, ssl_certificates_by_serial_number: 1, ssl_certificats_by_sha1: '0a1b' };

describe('RiskIQ lookups through the executor', () => {
  for (const lookup of LOOKUPS) {
    it(`${lookup.action}: GET ${lookup.path} with HTTP Basic credentials and its query`, async () => {
      const { riskiq, run } = await setup();
      const result = await run(lookup.action, lookup.args);
      expect(riskiq.received).toEqual([{ path: lookup.path, query: lookup.query }]);
      expect(lookup.check(result.results as Record<string, unknown>)).toBe(EXPECTED[lookup.action] ?? 1);
    });
  }

  it('takes a 204 (nothing known) as an empty answer', async () => {
    const { run } = await setup();
    expect((await run('ip_passive_dns', { ip: '192.0.2.200' })).results).toEqual({});
  });

  it('names the certificate RiskIQ does not know (404)', async () => {
    const { run } = await setup();
    const error = await plyErrorOf(run('ssl_certificats_by_sha1', { sha1: 'ffff' }));
    expect(error.message).toBe('certificate ffff was not found at RiskIQ (HTTP 404: Certificate not found)');
  });

  it('says the key pair was refused (401) without quoting either half', async () => {
    const { riskiq, run, configuration, logs } = await setup();
    const error = await plyErrorOf(run('ip_passive_dns', { ip: '8.8.8.8' }, { configuration: { ...configuration, api_secret: 'stale-secret-4242' } }));
    expect(error.message).toBe('RiskIQ refused the credentials of the account (HTTP 401: Full authentication is required to access this resource)');
    expect(riskiq.received).toHaveLength(1);
    expect(JSON.stringify({ message: error.message, details: error.details }) + logs.text()).not.toMatch(/stale-secret-4242|riq-token-5e7a/);
  });

  it('waits for Retry-After on 429, retries a 5xx lookup, and reports the status when retries run out', async () => {
    const { riskiq, run } = await setup();
    riskiq.faults.failNext.push({ status: 429, retryAfter: '0' }, { status: 500 });
    expect(((await run('whois', { domain: 'riskiq.net' })).results as { results: number }).results).toBe(1);
    expect(riskiq.received).toHaveLength(3);
    riskiq.faults.failNext.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const error = await plyErrorOf(run('whois', { domain: 'riskiq.net' }));
    expect(error.details).toMatchObject({ status: 503, attempts: 4 });
  });

  it('times out when RiskIQ does not answer within the run deadline', async () => {
    const { riskiq, run } = await setup();
    riskiq.faults.delayNextMs = 5_000;
    expect((await plyErrorOf(run('whois', { domain: 'riskiq.net' }, { timeoutMs: 200 }))).code).toBe('PLY_ACTION_TIMEOUT');
  });

  it('reports a body that is not JSON as a malformed vendor answer', async () => {
    const { run } = await setup();
    expect((await plyErrorOf(run('name_passive_dns', { name: 'malformed.example' }))).code).toBe('PLY_VENDOR_RESPONSE_INVALID');
  });

  it('refuses a hex lookup that is not hexadecimal, naming the argument, before calling RiskIQ', async () => {
    const { riskiq, run } = await setup();
    const error = await plyErrorOf(run('hex_passive_dns', { hex: 'zz' }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('/hex');
    expect(riskiq.received).toHaveLength(0);
  });

  it('sends the Basic credentials, not the reference\'s Authorization argument, and hides that argument', async () => {
    const { riskiq, run, logs } = await setup();
    await run('whois', { domain: 'riskiq.net', Authorization: 'Bearer argument-token-99' });
    expect(riskiq.received).toHaveLength(1);
    expect(logs.text()).not.toContain('argument-token-99');
  });

  it('keeps the key pair out of results, errors and logs when RiskIQ echoes it (raw, URL-encoded, in a header)', async () => {
    const { run, logs } = await setup();
    const error = await plyErrorOf(run('ip_passive_dns', { ip: CANARY_IP }));
    expect(error.details['status']).toBe(400);
    const seen = JSON.stringify({ message: error.message, details: error.details }) + logs.text();
    expect(logs.lines.length).toBeGreaterThan(0);
    for (const secret of [TOKEN, PRIVATE_KEY, encodeURIComponent(PRIVATE_KEY), Buffer.from(`${TOKEN}:${PRIVATE_KEY}`).toString('base64')]) expect(seen).not.toContain(secret);
  });
});
