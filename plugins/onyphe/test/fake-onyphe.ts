import { isIP } from 'node:net';
import { Hono, type Context } from 'hono';
import { faultInjection } from '@ply/kit/testing';

/**
 * A fake of Onyphe's API v2 as published: the Simple API `GET /api/v2/simple/<category>/<value>`
 * and the Summary API `GET /api/v2/summary/ip/<ip>` (https://www.onyphe.io/documentation/api,
 * https://beta.onyphe.io/docs/apis), `GET /api/v2/user`, with the answers and errors the reference
 * module's tests exchange (automation-library Onyphe/tests/generic_onyphe_tests.py):
 * - the key in `Authorization: bearer <key>` (or `apikey <key>`, the other documented form); every
 *   category but `geoloc` refuses a request without a valid key (401);
 * - `?page=N`, 1 to 1000 (anything else is 400), 10 documents a page; every answer carries `count`,
 *   `error` (0), `myip`, `results`, `status` ("ok"), `took` (seconds, a string), `total`, `page`,
 *   `max_page`; a value Onyphe knows nothing of is a 200 with no results;
 * - IP categories refuse a value that is not an IP address (400), as Onyphe does;
 * - errors are `{ error: <code>, message, status: "nok" }` (the reference's fixtures: 20 for the rate
 *   limit); the codes the documentation does not give are the fake's own.
 * `documents` sets how many documents a value has; `failNext` / `delayNextMs` inject 429/5xx and
 * slowness, `malformedNext` an HTML answer, `echoNext` an error quoting the key (raw, URL-encoded,
 * in a header), `failPage` a 429 on one page number.
 */
export function fakeOnyphe(apiKey: string) {
  const received: Array<{ path: string; query: Record<string, string>; authorization: string | undefined }> = [];
  const faults = faultInjection();
  const state = { malformedNext: false, echoNext: false, documents: 3, failPage: 0 };
  const app = new Hono();
  app.use('*', async (c, next) => {
    // The path as sent (Hono decodes `%20` in `c.req.path`).
    received.push({ path: new URL(c.req.url).pathname, query: c.req.query(), authorization: c.req.header('authorization') });
    await next();
  });
  app.use('*', faults.middleware((c, failure) => c.json({ error: failure.status === 429 ? 20 : 99, message: failure.status === 429 ? 'rate limit reached' : 'internal error', status: 'nok' }, failure.status)));

  const keyOf = (c: Context): string | undefined => /^(?:bearer|apikey)\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];

  app.use('/api/v2/*', async (c, next) => {
    if (state.echoNext) {
      state.echoNext = false;
      const key = keyOf(c) ?? '';
      c.header('X-Onyphe-Key', key);
      return c.json({ error: 4, message: `key ${key} (${encodeURIComponent(key)}) is not allowed here`, status: 'nok' }, 400);
    }
    const open = c.req.path.startsWith('/api/v2/simple/geoloc/');
    const key = keyOf(c);
    if ((key !== undefined || !open) && key !== apiKey) return c.json({ error: 1, message: 'Invalid API key', status: 'nok', myip: '192.0.2.250' }, 401);
    if (state.malformedNext) {
      state.malformedNext = false;
      return c.html('<html><body>502 Bad Gateway</body></html>');
    }
    return next();
  });

  app.get('/api/v2/user', (c) => c.json({ count: 1, error: 0, myip: '192.0.2.250', results: [{ '@category': 'user', credits: 9990, license: 'eagle' }], status: 'ok', took: '0.001', total: 1 }));

  const lookup = (category: string, kind: 'ip' | 'domain' | 'md5' | 'onion' | 'any') => (c: Context) => {
    const value = c.req.param('value')!;
    if (kind === 'ip' && isIP(value) === 0) return c.json({ error: 3, message: 'Invalid IP address', status: 'nok' }, 400);
    if (kind !== 'ip' && kind !== 'any' && value !== value.toLowerCase()) return c.json({ count: 0, error: 0, results: [], status: 'ok', took: '0.001', total: 0, page: 1, max_page: 1 });
    const page = Number(c.req.query('page') ?? 1);
    if (!Number.isInteger(page) || page < 1 || page > 1000) return c.json({ error: 5, message: 'Invalid page number', status: 'nok' }, 400);
    if (page === state.failPage) return c.json({ error: 20, message: 'rate limit reached', status: 'nok' }, 429);
    const total = category === 'geoloc' ? 1 : state.documents * 10;
    const maxPage = Math.max(1, Math.ceil(total / 10));
    const results = page > maxPage ? [] : Array.from({ length: category === 'geoloc' ? 1 : 10 }, (_, index) => documentOf(category, value, (page - 1) * 10 + index));
    const paging = category === 'geoloc' ? {} : { page, max_page: maxPage };
    return c.json({ count: results.length, error: 0, myip: '192.0.2.250', results, status: 'ok', took: '0.004', total, ...paging });
  };

  for (const category of ['geoloc', 'inetnum', 'threatlist', 'synscan', 'sniffer', 'pastries', 'resolver/forward', 'resolver/reverse']) app.get(`/api/v2/simple/${category}/:value`, lookup(category, 'ip'));
  app.get('/api/v2/summary/ip/:value', lookup('summary', 'ip'));
  app.get('/api/v2/simple/datascan/datamd5/:value', lookup('datascan', 'md5'));
  app.get('/api/v2/simple/datascan/:value', lookup('datascan', 'any'));
  app.get('/api/v2/simple/onionscan/:value', lookup('onionscan', 'onion'));
  app.get('/api/v2/simple/ctl/:value', lookup('ctl', 'domain'));
  return { app, received, faults, state };
}

function documentOf(category: string, value: string, index: number): Record<string, unknown> {
  const base = { '@category': category, '@timestamp': '2026-11-30T12:00:00.000Z', '@type': 'doc', seen_date: '2026-11-30', n: index };
  if (category === 'geoloc') return { ...base, '@type': 'ip', ip: value, asn: 'AS15169', city: 'Mountain View', country: 'US', latitude: 37.4056, longitude: -122.0775, organization: 'Google LLC', subnet: '8.8.8.0/24' };
  return { ...base, value };
}
