import { isIP } from 'node:net';
import { Hono, type Context } from 'hono';
import { faultInjection } from '@ply/kit/testing';

/**
 * A fake of the Shodan REST API, as documented at https://developer.shodan.io/api (and the
 * reference module's tests, automation-library/Shodan/tests):
 * - every method takes the key as `?key=`; a missing or unknown key answers 401
 *   `{"error": "Please provide a valid API key"}`; errors are `{"error": "<message>"}`;
 * - `GET /shodan/host/{ip}` (`history`, `minify` booleans): the host and its banners, 404
 *   `No information available for that IP.` for an IP it has not seen, 400 for a malformed IP;
 * - `GET /shodan/host/count` and `/shodan/host/search` need `query` (400 otherwise); `facets`
 *   `prop[:count],...` gives `facets.<prop>` lists; search pages (`page`, 1-based) hold 100 matches;
 * - `GET /dns/domain/{domain}`, `GET /dns/resolve?hostnames=a,b`, `GET /dns/reverse?ips=a,b`
 *   (comma-separated lists, required), `GET /account/profile`.
 * Test switches: `failNext` (429/5xx in Shodan's wording), `delayNextMs`; the query `malformed`
 * answers a body that is not JSON; the IP {@link CANARY_IP} answers 400 echoing the key (raw,
 * URL-encoded and in a header), as a careless vendor might.
 */
export const CANARY_IP = '203.0.113.250';
export const SEARCH_TOTAL = 250;

export interface ReceivedRequest {
  path: string;
  query: Record<string, string>;
}

const HOST = {
  ip: 134744072,
  ip_str: '8.8.8.8',
  region_code: null,
  area_code: null,
  dma_code: null,
  postal_code: null,
  country_code: 'US',
  country_code3: null,
  country_name: 'United States',
  city: 'Mountain View',
  latitude: 37.4056,
  longitude: -122.0775,
  os: null,
  org: 'Google LLC',
  isp: 'Google LLC',
  asn: 'AS15169',
  hostnames: ['dns.google'],
  domains: ['dns.google'],
  tags: [],
  ports: [53, 443],
  last_update: '2026-11-30T10:00:00.000000',
  data: [
    { port: 53, transport: 'udp', product: null, ip: 134744072, ip_str: '8.8.8.8', timestamp: '2026-11-30T10:00:00.000000', hostnames: ['dns.google'], domains: ['dns.google'], org: 'Google LLC', isp: 'Google LLC', asn: 'AS15169', os: null, data: '\nRecursion: enabled', opts: {}, location: { city: 'Mountain View', region_code: 'CA', area_code: null, dma_code: null, postal_code: null, country_code: 'US', country_code3: null, country_name: 'United States', latitude: 37.4056, longitude: -122.0775 } },
    { port: 443, transport: 'tcp', product: 'Google DNS over HTTPS', ip: 134744072, ip_str: '8.8.8.8', timestamp: '2026-11-29T08:00:00.000000', hostnames: ['dns.google'], domains: ['dns.google'], org: 'Google LLC', isp: 'Google LLC', asn: 'AS15169', os: null, data: 'HTTP/1.1 200 OK', opts: { vulns: [] }, location: { city: 'Mountain View', region_code: 'CA', area_code: null, dma_code: null, postal_code: null, country_code: 'US', country_code3: null, country_name: 'United States', latitude: 37.4056, longitude: -122.0775 } },
  ],
};

const BOOLEAN = /^(true|false)$/;

function facetsOf(spec: string | undefined): Record<string, Array<{ count: number; value: string }>> | undefined {
  if (!spec) return undefined;
  const facets: Record<string, Array<{ count: number; value: string }>> = {};
  for (const part of spec.split(',')) {
    const [name, count] = part.split(':');
    facets[name!] = [{ count: 120, value: 'Google LLC' }, { count: 80, value: 'Cloudflare, Inc.' }].slice(0, Number(count ?? 2));
  }
  return facets;
}

function match(index: number): Record<string, unknown> {
  return { ip: 167772160 + index, ip_str: `10.0.${Math.floor(index / 256)}.${index % 256}`, port: 80, org: 'Example Org', isp: 'Example ISP', asn: 'AS64500', os: null, hostnames: [], domains: [], timestamp: '2026-11-30T10:00:00.000000', data: 'HTTP/1.1 200 OK\r\nServer: Apache', location: { city: null, region_code: null, area_code: null, longitude: 2.35, latitude: 48.85, country_code: 'FR', country_code3: null, country_name: 'France', postal_code: null, dma_code: null } };
}

export function fakeShodan(apiKey: string) {
  const received: ReceivedRequest[] = [];
  const faults = faultInjection();
  const app = new Hono();
  const error = (c: Context, message: string, status: 400 | 401 | 404 | 429 | 500 | 502 | 503 | 504) => c.json({ error: message }, status);

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    received.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
    await next();
  });
  app.use('*', faults.middleware((c, failure) => (failure.status === 429 ? error(c, 'Request rate limit reached (1/ second). Please wait a second before trying again and slow down your API calls.', 429) : error(c, 'The server encountered an internal error.', failure.status))));
  app.use('*', async (c, next) => {
    if (c.req.query('key') !== apiKey) return error(c, 'Please provide a valid API key', 401);
    return next();
  });

  app.get('/account/profile', (c) => c.json({ member: true, credits: 100, display_name: null, created: '2020-01-01T00:00:00.000000' }));

  app.get('/shodan/host/count', (c) => {
    const query = c.req.query('query');
    if (!query) return error(c, 'Please provide a search query.', 400);
    return c.json({ matches: [], total: SEARCH_TOTAL, ...(c.req.query('facets') ? { facets: facetsOf(c.req.query('facets')) } : {}) });
  });

  app.get('/shodan/host/search', (c) => {
    const query = c.req.query('query');
    if (!query) return error(c, 'Please provide a search query.', 400);
    if (query === 'malformed') return c.text('<html>Bad gateway</html>', 200, { 'content-type': 'application/json' });
    const page = Number(c.req.query('page') ?? '1');
    if (!Number.isInteger(page) || page < 1) return error(c, 'Invalid page', 400);
    const first = (page - 1) * 100;
    const count = Math.max(0, Math.min(100, SEARCH_TOTAL - first));
    return c.json({ matches: Array.from({ length: count }, (_, i) => match(first + i)), total: SEARCH_TOTAL, ...(c.req.query('facets') ? { facets: facetsOf(c.req.query('facets')) } : {}) });
  });

  // After count and search: they are fixed paths under the same prefix.
  app.get('/shodan/host/:ip', (c) => {
    const ip = c.req.param('ip');
    for (const flag of ['history', 'minify']) {
      const value = c.req.query(flag);
      if (value !== undefined && !BOOLEAN.test(value)) return error(c, `Invalid value for ${flag}`, 400);
    }
    if (ip === CANARY_IP) {
      c.header('X-Debug-Key', apiKey);
      return error(c, `Invalid request for key=${apiKey} (${encodeURIComponent(apiKey)})`, 400);
    }
    if (isIP(ip) === 0) return error(c, 'Invalid IP', 400);
    if (ip !== HOST.ip_str) return error(c, 'No information available for that IP.', 404);
    if (c.req.query('minify') === 'true') {
      const { data: _banners, ...general } = HOST;
      return c.json(general);
    }
    return c.json(HOST);
  });

  app.get('/dns/domain/:domain', (c) => {
    const domain = c.req.param('domain');
    if (domain !== 'example.org') return error(c, 'No information available for that domain.', 404);
    return c.json({ domain, tags: ['ipv6'], more: false, data: [{ subdomain: 'www', type: 'A', value: '93.184.215.14', last_seen: '2026-11-30T10:00:00.000000' }, { subdomain: '', type: 'MX', value: 'mail.example.org', last_seen: '2026-11-29T10:00:00.000000' }] });
  });

  app.get('/dns/resolve', (c) => {
    const hostnames = c.req.query('hostnames');
    if (!hostnames) return error(c, 'No hostnames provided', 400);
    return c.json(Object.fromEntries(hostnames.split(',').map((name) => [name, name === 'dns.google' ? '8.8.8.8' : null])));
  });

  app.get('/dns/reverse', (c) => {
    const ips = c.req.query('ips');
    if (!ips) return error(c, 'No IP addresses provided', 400);
    const answers = ips.split(',').map((ip) => [ip, isIP(ip) === 0 ? undefined : ip === '8.8.8.8' ? ['dns.google'] : null] as const);
    if (answers.some(([, names]) => names === undefined)) return error(c, 'Invalid IP address', 400);
    return c.json(Object.fromEntries(answers));
  });

  return { app, received, faults };
}
