import { Hono, type Context } from 'hono';
import { faultInjection } from '@ply/kit/testing';

/**
 * A fake of the RiskIQ Security Intelligence Services API (`api.riskiq.net`), as published in the
 * RiskIQ connector reference (https://learn.microsoft.com/en-us/connectors/riskiqintelligence/:
 * operations PDNS IP/Name/Raw, SSL certificate by host/name/serial/SHA-1, hosts by certificate,
 * WHOIS by domain/address/email/name/nameserver/org/phone, their query parameters and response
 * shapes) and the reference module (automation-library/RiskIQ: the paths and query parameters):
 * - every request needs HTTP Basic `token:private key`; otherwise 401 `{"message": "..."}`;
 * - each lookup requires its query parameter (400 `Required String parameter '<x>' is not present`);
 * - PDNS answers `{recordCount, records}`, or 204 with no body when nothing is known;
 * - SSL lookups answer a Spring page `{content, first, last, number, size, totalElements...}`,
 *   the SHA-1 lookup the certificate itself, 404 when it is unknown;
 * - WHOIS lookups answer `{results, domains}`.
 * Test switches: `failNext`, `delayNextMs`; the name `malformed.example` answers a body that is not
 * JSON; the IP {@link CANARY_IP} answers 400 echoing the credentials (raw, URL-encoded, in a header).
 */
export const CANARY_IP = '203.0.113.251';
export const KNOWN_SHA1 = 'c2f6b2a1b0d1e3c4f5a6b7c8d9e0f1a2b3c4d5e6';

export interface ReceivedRequest {
  path: string;
  query: Record<string, string>;
}

const PARAMETERS: Record<string, { required: string; optional: string[] }> = {
  '/v0/pdns/data/ip': { required: 'ip', optional: ['max', 'lastSeenAfter', 'firstSeenBefore'] },
  '/v0/pdns/data/name': { required: 'name', optional: ['type', 'max', 'lastSeenAfter', 'firstSeenBefore'] },
  '/v0/pdns/data/raw': { required: 'hex', optional: ['type', 'max', 'lastSeenAfter', 'firstSeenBefore'] },
  '/v1/ssl/host': { required: 'certSha1', optional: [] },
  '/v1/ssl/cert/host': { required: 'host', optional: [] },
  '/v1/ssl/cert/name': { required: 'name', optional: [] },
  '/v1/ssl/cert/serial': { required: 'serial', optional: [] },
  '/v1/ssl/cert/sha1': { required: 'sha1', optional: [] },
  ...Object.fromEntries(['domain', 'address', 'email', 'name', 'nameserver', 'org', 'phone'].map((field) => [`/v0/whois/${field}`, { required: field, optional: ['exact', 'maxResults'] }])),
};

const record = (name: string, data: string) => ({ count: 5, firstSeen: '2024-10-21T14:23:09.000-0700', lastSeen: '2026-11-04T11:35:05.000-0800', name, data: [data], rrtype: 'A' });
const page = (content: unknown[]) => ({ content, first: true, last: true, number: 0, numberOfElements: content.length, size: 20, sort: null, totalElements: content.length, totalPages: 1 });

export function fakeRiskiq(token: string, privateKey: string) {
  const received: ReceivedRequest[] = [];
  const faults = faultInjection();
  const app = new Hono();
  const fail = (c: Context, status: 400 | 401 | 404 | 429 | 500 | 502 | 503 | 504, message: string) => c.json({ status, error: status === 401 ? 'Unauthorized' : 'Error', message }, status);
  const expected = `Basic ${Buffer.from(`${token}:${privateKey}`).toString('base64')}`;

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    received.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
    await next();
  });
  app.use('*', faults.middleware((c, failure) => fail(c, failure.status, failure.status === 429 ? 'Rate limit exceeded' : 'Internal Server Error')));
  app.use('*', async (c, next) => {
    if (c.req.header('authorization') !== expected) return fail(c, 401, 'Full authentication is required to access this resource');
    const spec = PARAMETERS[new URL(c.req.url).pathname];
    if (!spec) return fail(c, 404, 'No handler found');
    const query = new URL(c.req.url).searchParams;
    if (!query.get(spec.required)) return fail(c, 400, `Required String parameter '${spec.required}' is not present`);
    for (const key of query.keys()) if (key !== spec.required && !spec.optional.includes(key)) return fail(c, 400, `Unknown parameter '${key}'`);
    if (query.get(spec.required) === CANARY_IP) {
      c.header('X-Debug-Auth', `${token}:${privateKey}`);
      return fail(c, 400, `bad request for ${token} / ${encodeURIComponent(privateKey)}`);
    }
    if (query.get(spec.required) === 'malformed.example') return c.text('{"recordCount": 1, "records": [', 200, { 'content-type': 'application/json' });
    return next();
  });

  app.get('/v0/pdns/data/ip', (c) => (c.req.query('ip') === '192.0.2.200' ? c.body(null, 204) : c.json({ recordCount: 2, records: [record('riskiq.net.', c.req.query('ip')!), record('www.riskiq.net.', c.req.query('ip')!)] })));
  app.get('/v0/pdns/data/name', (c) => c.json({ recordCount: 1, records: [{ ...record(`${c.req.query('name')}.`, '70.32.68.247'), rrtype: c.req.query('type') ?? 'A' }] }));
  app.get('/v0/pdns/data/raw', (c) => c.json({ recordCount: 1, records: [record('hex.example.', '0.207.0.0')] }));
  app.get('/v1/ssl/host', (c) => c.json(page([{ host: '192.0.2.10', port: 443, firstSeen: '2026-01-01', lastSeen: '2026-11-01' }])));
  app.get('/v1/ssl/cert/host', (c) => c.json(page([{ firstSeen: '2026-01-01', lastSeen: '2026-11-01', count: 3, id: 'cert-1', address: c.req.query('host'), asn: '15169', bgpPrefix: '8.8.8.0/24', port: 443, sha1: KNOWN_SHA1, cert: [{ subject: 'CN=dns.google' }] }])));
  app.get('/v1/ssl/cert/name', (c) => c.json(page([{ sha1: KNOWN_SHA1, subject: [{ CN: c.req.query('name') }] }])));
  app.get('/v1/ssl/cert/serial', (c) => c.json(page([{ sha1: KNOWN_SHA1, serialNumber: c.req.query('serial') }])));
  app.get('/v1/ssl/cert/sha1', (c) =>
    c.req.query('sha1') !== KNOWN_SHA1
      ? fail(c, 404, 'Certificate not found')
      : c.json({ count: 3, firstSeen: '2026-01-01', lastSeen: '2026-11-01', id: 'cert-1', issuer: [{ CN: 'GTS CA 1C3' }], issuerAlternativeNames: [], issuerID: 'iss-1', notAfter: '2027-01-01', notBefore: '2026-01-01', publicKeyAlgorithm: 'RSA', serialNumber: '0a1b', sha1: KNOWN_SHA1, signatureAlgorithm: 'SHA256withRSA', signatureAlgorithmOid: '1.2.840.113549.1.1.11', subject: [{ CN: 'dns.google' }], subjectAlternativeNames: [{ DNS: 'dns.google' }], subjectID: 'sub-1', version: 3 }),
  );
  for (const field of ['domain', 'address', 'email', 'name', 'nameserver', 'org', 'phone']) {
    app.get(`/v0/whois/${field}`, (c) => c.json({ results: 1, domains: [{ domain: field === 'domain' ? c.req.query('domain') : 'riskiq.net', registrar: 'MarkMonitor Inc.', [field]: c.req.query(field) }] }));
  }
  return { app, received, faults };
}
