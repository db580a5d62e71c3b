import { Hono, type Context } from 'hono';
import { faultInjection } from '@ply/kit/testing';
import * as documents from './binaryedge-documents.js';

/** Statistic types BinaryEdge documents for host and sensor searches (others are refused). */
const HOST_STATISTICS = ['ports', 'products', 'versions', 'tags', 'services', 'countries', 'asn'];
const SENSOR_STATISTICS = ['ports', 'tags', 'countries', 'asn', 'ips', 'payloads', 'http_path'];

/**
 * A fake of BinaryEdge's API v2 (https://docs.binaryedge.io/api-v2/, as also described by the
 * pybinaryedge client's documentation, https://pypi.org/project/pybinaryedge): the 25 GET calls of
 * the reference module under `/v2/`, answering the shapes of the reference's results schemas.
 * - the key in the `X-Key` header, else 401 `{ status, title, message }`;
 * - searches require `query` (400 without) and page with `?page=` from 1 to 500 (400 beyond),
 *   answering `query`, `page`, `pagesize` (20 events; 100 for domains), `total`, `events`;
 * - statistics require `type`, one of the documented types for host and sensor searches, and an
 *   `order` of `asc` or `desc` when given; `days` is a positive integer;
 * - an e-mail address no leak holds, and a host the sensors never saw, are 404.
 * `searchTotal` / `domainTotal` set how many events a search has; `failNext` / `delayNextMs`
 * inject 429/5xx answers and slowness; `malformedNext` an HTML answer; `echoNext` an error quoting
 * the key raw, URL-encoded and in a header (the canary).
 */
export function fakeBinaryEdge(apiKey: string) {
  const received: Array<{ path: string; query: Record<string, string> }> = [];
  const faults = faultInjection();
  const state = { malformedNext: false, echoNext: false, searchTotal: 50, domainTotal: 250 };
  const app = new Hono();
  const refuse = (c: Context, status: 400 | 401 | 404, title: string, message: string) => c.json({ status, title, message }, status);

  app.use('*', async (c, next) => {
    received.push({ path: new URL(c.req.url).pathname, query: c.req.query() });
    await next();
  });
  app.use('*', faults.middleware((c, failure) => c.json({ status: failure.status, title: failure.status === 429 ? 'Too Many Requests' : 'Server Error', message: `injected failure ${failure.status}` }, failure.status)));
  app.use('/v2/*', async (c, next) => {
    const key = c.req.header('x-key');
    if (state.echoNext) {
      state.echoNext = false;
      c.header('X-Requested-Key', key ?? '');
      return refuse(c, 400, 'Bad Request', `the key ${key} (${encodeURIComponent(key ?? '')}) may not run this query`);
    }
    if (key !== apiKey) return refuse(c, 401, 'Unauthorized', 'Invalid API key');
    if (state.malformedNext) {
      state.malformedNext = false;
      return c.html('<html><body>502 Bad Gateway</body></html>');
    }
    return next();
  });

  /** A search's page: 400 without a query or beyond page 500; events numbered across pages. */
  const searchPage = <T>(c: Context, pagesize: number, total: number, event: (index: number) => T) => {
    if (!c.req.query('query')) return refuse(c, 400, 'Bad Request', 'query is required');
    const page = Number(c.req.query('page') ?? 1);
    if (!Number.isInteger(page) || page < 1 || page > 500) return refuse(c, 400, 'Bad Request', 'page must be between 1 and 500');
    const first = (page - 1) * pagesize;
    const events = Array.from({ length: Math.max(0, Math.min(pagesize, total - first)) }, (_, index) => event(first + index));
    return c.json({ query: c.req.query('query'), page, pagesize, total, events });
  };
  /** A target's page (`?page=` without a query). */
  const targetPage = <T>(c: Context, query: string, pagesize: number, total: number, event: (index: number) => T) => {
    const page = Number(c.req.query('page') ?? 1);
    if (!Number.isInteger(page) || page < 1 || page > 500) return refuse(c, 400, 'Bad Request', 'page must be between 1 and 500');
    const first = (page - 1) * pagesize;
    return c.json({ query, page, pagesize, total, events: Array.from({ length: Math.max(0, Math.min(pagesize, total - first)) }, (_, index) => event(first + index)) });
  };
  const statistics = (c: Context, types: string[] | undefined) => {
    if (!c.req.query('query')) return refuse(c, 400, 'Bad Request', 'query is required');
    const type = c.req.query('type');
    if (!type || (types && !types.includes(type))) return refuse(c, 400, 'Bad Request', `type must be one of ${(types ?? ['a statistic type']).join(', ')}`);
    const order = c.req.query('order');
    if (order !== undefined && order !== 'asc' && order !== 'desc') return refuse(c, 400, 'Bad Request', 'order must be asc or desc');
    const days = c.req.query('days');
    if (days !== undefined && !(Number.isInteger(Number(days)) && Number(days) > 0)) return refuse(c, 400, 'Bad Request', 'days must be a positive integer');
    const buckets = type === 'ports' ? [{ key: 22, doc_count: 120 }, { key: 80, doc_count: 95 }] : [{ key: 'fr', doc_count: 120 }, { key: 'us', doc_count: 95 }];
    return c.json(order === 'asc' ? [...buckets].reverse() : buckets);
  };

  app.get('/v2/user/subscription', (c) => c.json(documents.subscription));
  app.get('/v2/query/ip/historical/:target', (c) => c.json(documents.hostHistory(c.req.param('target'))));
  app.get('/v2/query/ip/:target', (c) => c.json(documents.hostDetails(c.req.param('target'))));
  app.get('/v2/query/cve/ip/:target', (c) => c.json(documents.hostCves(c.req.param('target'))));
  app.get('/v2/query/score/ip/:target', (c) => c.json(documents.ipScore(c.req.param('target'))));
  app.get('/v2/query/search/stats', (c) => statistics(c, HOST_STATISTICS));
  app.get('/v2/query/search', (c) => searchPage(c, 20, state.searchTotal, (index) => documents.hostEvent(`192.0.2.${index % 250}`, 22, index)));

  app.get('/v2/query/image/ip/:target', (c) => targetPage(c, c.req.param('target'), 20, 2, (index) => documents.screenshot(c.req.param('target'), index)));
  app.get('/v2/query/image/search', (c) => searchPage(c, 20, state.searchTotal, (index) => documents.screenshot(`192.0.2.${index % 250}`, index)));
  app.get('/v2/query/image/tags', (c) => c.json(['rdp', 'vnc', 'windows', 'linux', 'login_screen']));

  app.get('/v2/query/torrent/ip/:target', (c) => c.json({ query: c.req.param('target'), total: 1, events: [documents.torrentEvent(c.req.param('target'))] }));
  app.get('/v2/query/torrent/historical/:target', (c) => c.json({ query: c.req.param('target'), total: 2, events: [0, 1].map((index) => documents.torrentEvent(c.req.param('target'), index)) }));
  app.get('/v2/query/torrent/search/stats', (c) => statistics(c, undefined));
  app.get('/v2/query/torrent/search', (c) => searchPage(c, 20, state.searchTotal, (index) => documents.torrentEvent(`192.0.2.${index % 250}`, index)));

  app.get('/v2/query/dataleaks/email/:email', (c) => {
    const email = c.req.param('email');
    if (email !== documents.KNOWN_EMAIL) return refuse(c, 404, 'Not Found', 'Search term not found');
    return c.json({ total: 2, events: ['sktorrent', 'yandex'], query: email });
  });
  app.get('/v2/query/dataleaks/organization/:domain', (c) => c.json({ total: 3, groups: [{ leak: 'sktorrent', count: 2 }, { leak: 'yandex', count: 1 }], query: c.req.param('domain') }));
  app.get('/v2/query/dataleaks/info', (c) => c.json(documents.leakTrackers));

  app.get('/v2/query/domains/subdomain/:target', (c) => targetPage(c, c.req.param('target'), 100, state.domainTotal, (index) => `h${index}.${c.req.param('target')}`));
  app.get('/v2/query/domains/dns/:target', (c) => targetPage(c, c.req.param('target'), 100, state.domainTotal, (index) => documents.dnsRecord(c.req.param('target'), index)));
  app.get('/v2/query/domains/ip/:target', (c) => targetPage(c, c.req.param('target'), 100, 3, (index) => documents.dnsRecord('example.com', index)));
  app.get('/v2/query/domains/search', (c) => searchPage(c, 100, state.domainTotal, (index) => documents.dnsRecord('example.com', index)));

  app.get('/v2/query/sensors/ip/:target', (c) => {
    const target = c.req.param('target');
    if (target !== documents.KNOWN_HOST) return refuse(c, 404, 'Not Found', 'Target not seen by the sensors');
    return c.json(documents.sensorHost(target));
  });
  app.get('/v2/query/sensors/search/stats', (c) => statistics(c, SENSOR_STATISTICS));
  app.get('/v2/query/sensors/search', (c) => searchPage(c, 20, state.searchTotal, (index) => documents.sensorEvent(index)));
  app.get('/v2/query/sensors/tag/:tag', (c) => {
    const days = c.req.query('days');
    if (days !== undefined && !(Number.isInteger(Number(days)) && Number(days) > 0)) return refuse(c, 400, 'Bad Request', 'days must be a positive integer');
    return c.json(c.req.param('tag') === 'MALICIOUS' ? ['203.0.113.5', '203.0.113.6'] : []);
  });

  return { app, received, faults, state };
}
