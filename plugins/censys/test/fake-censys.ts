import { isIP } from 'node:net';
import { Hono, type Context } from 'hono';
import { faultInjection } from '@ply/kit/testing';

/**
 * A fake of the Censys Search 2.0 API (https://search.censys.io/api, as the official client
 * https://github.com/censys/censys-python `censys/search/v2` calls it):
 * - HTTP Basic with the API ID and secret, else 401 `{ code, status, error }`;
 * - `GET /api/v2/{hosts,certificates}/search?q=&per_page=&cursor=&virtual_hosts=&fields=`: `q`
 *   required, `per_page` 1-100, `virtual_hosts` EXCLUDE|INCLUDE|ONLY (hosts only), an opaque
 *   cursor; answers `{ code, status, result: { query, total, hits, links: { prev, next } } }`,
 *   `next` empty on the last page;
 * - `GET /api/v2/hosts/{ip}` (an IP address, else 422) and `GET /api/v2/certificates/{sha256}`
 *   (64 hex digits, else 422): `{ code, status, result }`, 404 for an unknown one;
 * - `GET /api/v2/{hosts,certificates}/aggregate?q=&field=&num_buckets=`: `q` and `field` required,
 *   `num_buckets` 1-1000; `result: { query, field, total, total_omitted, potential_deviation, buckets }`;
 * - `GET /api/v1/account`: the account and its quota.
 * `hits` sets how many hits a search has; `failNext` / `delayNextMs` inject 429/5xx answers and
 * slowness; `malformedNext` an HTML answer; `echoNext` an error quoting the secret raw,
 * URL-encoded and in a header (the canary).
 */
export function fakeCensys(apiId: string, secret: string) {
  const received: Array<{ path: string; query: Record<string, string[]> }> = [];
  const faults = faultInjection();
  const state = { malformedNext: false, echoNext: false, hits: 250 };
  const app = new Hono();
  const refuse = (c: Context, code: 400 | 401 | 404 | 422, status: string, error: string) => c.json({ code, status, error }, code);

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    const query: Record<string, string[]> = {};
    for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
    received.push({ path: url.pathname, query });
    await next();
  });
  app.use('*', faults.middleware((c, failure) => c.json({ code: failure.status, status: failure.status === 429 ? 'Too Many Requests' : 'Server Error', error: `injected failure ${failure.status}` }, failure.status)));
  app.use('/api/*', async (c, next) => {
    const [scheme, encoded] = (c.req.header('authorization') ?? '').split(' ');
    const credentials = scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString() : '';
    if (state.echoNext) {
      state.echoNext = false;
      const given = credentials.slice(credentials.indexOf(':') + 1);
      c.header('X-Echo', given);
      return refuse(c, 400, 'Bad Request', `credentials ${given} (${encodeURIComponent(given)}) not accepted for this query`);
    }
    if (credentials !== `${apiId}:${secret}`) return refuse(c, 401, 'Unauthorized', 'You must authenticate with a valid API ID and secret.');
    if (state.malformedNext) {
      state.malformedNext = false;
      return c.html('<html><body>502 Bad Gateway</body></html>');
    }
    return next();
  });

  app.get('/api/v1/account', (c) => c.json({ email: 'analyst@example.org', login: 'analyst', quota: { used: 12, allowance: 250, resets_at: '2027-01-01 00:00:00' } }));

  for (const resource of ['hosts', 'certificates'] as const) {
    app.get(`/api/v2/${resource}/search`, (c) => {
      const q = c.req.query('q');
      if (!q) return refuse(c, 400, 'Bad Request', 'q is required');
      const perPage = Number(c.req.query('per_page') ?? 50);
      if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) return refuse(c, 400, 'Bad Request', 'per_page must be between 1 and 100');
      const virtualHosts = c.req.query('virtual_hosts');
      if (virtualHosts !== undefined && (resource !== 'hosts' || !['EXCLUDE', 'INCLUDE', 'ONLY'].includes(virtualHosts))) return refuse(c, 400, 'Bad Request', 'invalid virtual_hosts');
      const offset = Number(c.req.query('cursor') ? Buffer.from(c.req.query('cursor')!, 'base64url').toString() : 0);
      const count = Math.max(0, Math.min(perPage, state.hits - offset));
      const hits = Array.from({ length: count }, (_, index) => (resource === 'hosts' ? hostHit(offset + index, virtualHosts === 'ONLY') : certificateHit(offset + index)));
      const next = offset + count < state.hits ? Buffer.from(String(offset + count)).toString('base64url') : '';
      return c.json({ code: 200, status: 'OK', result: { query: q, total: state.hits, duration_ms: 12, hits, links: { prev: '', next } } });
    });
    app.get(`/api/v2/${resource}/aggregate`, (c) => {
      const q = c.req.query('q');
      const field = c.req.query('field');
      if (!q || !field) return refuse(c, 400, 'Bad Request', 'q and field are required');
      const buckets = Number(c.req.query('num_buckets') ?? 50);
      if (!Number.isInteger(buckets) || buckets < 1 || buckets > 1000) return refuse(c, 400, 'Bad Request', 'num_buckets must be between 1 and 1000');
      const all = [
        { key: 'United States', count: 2_083_805 },
        { key: 'Japan', count: 593_265 },
        { key: 'China', count: 488_431 },
      ];
      return c.json({ code: 200, status: 'OK', result: { query: q, field, total: 5_635_690, total_omitted: 8195, potential_deviation: 0, buckets: all.slice(0, buckets) } });
    });
  }
  app.get('/api/v2/hosts/:ip', (c) => {
    const ip = c.req.param('ip');
    if (isIP(ip) === 0) return refuse(c, 422, 'Unprocessable Entity', `${ip} is not a valid IP address`);
    if (ip !== '82.244.181.36') return refuse(c, 404, 'Not Found', `host ${ip} not found`);
    return c.json({ code: 200, status: 'OK', result: { ...hostHit(0, false), ip, location: { country: 'France', city: 'Versailles' }, last_updated_at: '2026-11-30T03:56:07Z' } });
  });
  app.get('/api/v2/certificates/:fingerprint', (c) => {
    const fingerprint = c.req.param('fingerprint');
    if (!/^[0-9a-f]{64}$/i.test(fingerprint)) return refuse(c, 422, 'Unprocessable Entity', 'not a SHA-256 fingerprint');
    if (fingerprint !== CERTIFICATE) return refuse(c, 404, 'Not Found', `certificate ${fingerprint} not found`);
    return c.json({ code: 200, status: 'OK', result: { ...certificateHit(0), fingerprint_sha256: fingerprint, parsed: { subject_dn: 'CN=example.org' } } });
  });
  return { app, received, faults, state };
}

export const CERTIFICATE = '51741345298007d2268a15c5ba0b6ba1f604e6001f7ae228c206fadeebdf5997';

function hostHit(index: number, virtual: boolean) {
  const ip = `192.0.2.${index % 250}`;
  return {
    ip,
    ...(virtual ? { name: `www${index}.example.com` } : {}),
    services: [{ port: 80, service_name: 'HTTP', transport_protocol: 'TCP' }],
    location: { country: 'France', country_code: 'FR' },
    autonomous_system: { asn: 12322, name: 'PROXAD' },
    last_updated_at: '2026-11-30T12:00:00Z',
  };
}

function certificateHit(index: number) {
  return { fingerprint_sha256: index.toString(16).padStart(64, '0'), names: [`host${index}.example.org`], parsed: { issuer_dn: 'CN=Example CA' } };
}
