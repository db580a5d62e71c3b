/**
 * A fake Hatching Triage cloud API v0 after its published documentation
 * (https://tria.ge/docs/cloud-api/conventions/ and https://tria.ge/docs/cloud-api/samples/):
 * `Authorization: Bearer <key>` on every call (401 otherwise), errors as
 * `{"error": "<KIND>", "message": "..."}`; `GET /v0/search?query=family:<name>&limit=<1..200>&offset=<next>`
 * and `GET /v0/samples?subset=owned|public&limit=` answer `{"data": [...], "next": "<offset>"}`,
 * newest first, `next` absent on the last page; `GET /v0/samples/{id}/overview.json` and
 * `GET /v0/samples/{id}/reports/static` answer the reports (404 `NOT_FOUND` for an unknown
 * sample). The sample and report shapes follow the reference module's fixtures
 * (SEKOIA-IO/automation-library, Triage/tests/data.py).
 *
 * Switches: `faults` (429/5xx, slowness), `withoutReports` (listed samples whose reports answer 404), `dropNext` (the connection is cut), `malformedNext` (an
 * HTML answer), `echoNext` (an error quoting the key raw, URL-encoded and in a header: the canary).
 */
import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import { faultInjection } from '@ply/kit/testing';

export interface FakeSample {
  id: string;
  /** RFC 3339, as Triage lists it. */
  submitted: string;
  status: string;
  family: string;
  overview: Record<string, unknown>;
  staticReport: Record<string, unknown>;
}

const PAGE_MAX = 200;

export function fakeTriage(apiKey: string) {
  const faults = faultInjection();
  const state = { samples: [] as FakeSample[], dropNext: 0, malformedNext: false, echoNext: false, withoutReports: new Set<string>() };
  const received: Array<{ path: string; query: Record<string, string> }> = [];
  const app = new Hono();
  const refuse = (c: Context, status: 400 | 401 | 404 | 429 | 500 | 502 | 503 | 504, error: string, message: string) => c.json({ error, message }, status);

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    received.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
    if (state.dropNext > 0) {
      state.dropNext -= 1;
      (c.env as { incoming: IncomingMessage }).incoming.socket.destroy();
      return new Response(null);
    }
    return next();
  });
  app.use('*', faults.middleware((c, failure) => (failure.status === 429 ? refuse(c, 429, 'RATE_LIMITED', 'too many requests, slow down') : refuse(c, failure.status, 'INTERNAL', 'internal server error'))));
  app.use('/v0/*', async (c, next) => {
    const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (state.echoNext) {
      state.echoNext = false;
      c.header('X-Echo', given);
      return refuse(c, 400, 'INVALID_QUERY', `token ${given} (${encodeURIComponent(given)}) may not run this query`);
    }
    if (given !== apiKey) return refuse(c, 401, 'UNAUTHORIZED', 'the API key is missing or invalid');
    if (state.malformedNext) {
      state.malformedNext = false;
      return c.html('<html><body>502 Bad Gateway</body></html>');
    }
    return next();
  });

  /** A page of `items` (newest first): `limit` checked, `offset` the opaque `next` of the page before. */
  function page(c: Context, items: FakeSample[]): Response {
    const limit = Number(c.req.query('limit') ?? '20');
    if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_MAX) return refuse(c, 400, 'INVALID_LIMIT', `limit must be an integer from 1 to ${PAGE_MAX}`);
    const offset = c.req.query('offset');
    const start = offset === undefined ? 0 : Number(Buffer.from(offset, 'base64url').toString());
    if (!Number.isInteger(start) || start < 0) return refuse(c, 400, 'INVALID_OFFSET', 'offset is not one this API gave');
    const sorted = [...items].sort((a, b) => Date.parse(b.submitted) - Date.parse(a.submitted));
    const data = sorted.slice(start, start + limit).map(({ id, submitted, status }) => ({ id, status, kind: 'file', filename: `${id}.exe`, private: false, submitted, completed: submitted, tasks: [{ id: 'static1', status: 'reported' }] }));
    const more = start + limit < sorted.length;
    return c.json({ data, ...(more ? { next: Buffer.from(String(start + limit)).toString('base64url') } : {}) });
  }

  app.get('/v0/search', (c) => {
    const family = /^family:(\S+)$/.exec(c.req.query('query') ?? '')?.[1];
    if (!family) return refuse(c, 400, 'INVALID_QUERY', 'query is required (e.g. family:emotet)');
    return page(c, state.samples.filter((sample) => sample.family === family));
  });
  app.get('/v0/samples', (c) => {
    const subset = c.req.query('subset') ?? 'owned';
    if (subset !== 'owned' && subset !== 'public') return refuse(c, 400, 'INVALID_SUBSET', 'subset must be owned or public');
    return page(c, subset === 'owned' ? [] : state.samples);
  });
  // A sample listed by the search whose reports are gone (deleted since) answers 404 like an unknown one.
  const sampleOf = (c: Context) => state.samples.find((sample) => sample.id === c.req.param('id') && !state.withoutReports.has(sample.id));
  app.get('/v0/samples/:id/overview.json', (c) => {
    const sample = sampleOf(c);
    return sample ? c.json(sample.overview) : refuse(c, 404, 'NOT_FOUND', 'sample not found');
  });
  app.get('/v0/samples/:id/reports/static', (c) => {
    const sample = sampleOf(c);
    return sample ? c.json(sample.staticReport) : refuse(c, 404, 'NOT_FOUND', 'sample not found');
  });
  app.all('*', (c) => refuse(c, 404, 'NOT_FOUND', 'no such endpoint'));
  return { app, state, faults, received };
}

/**
 * A reported sample of `family` submitted `minutesAgo`, with an extracted config (`c2`), a dropper
 * URL and its hashes, in the shapes of the reference's fixtures. `signed` puts a trusted
 * Authenticode signer in its static report; `scores` sets its behavioural runs.
 */
export function reportedSample(id: string, family: string, minutesAgo: number, options: { c2?: string[]; signed?: boolean; scores?: number[]; status?: string } = {}): FakeSample {
  const n = id.replace(/\D/g, '').slice(-2).padStart(2, '0');
  const hex = (length: number) => n.repeat(length / 2);
  return {
    id,
    family,
    status: options.status ?? 'reported',
    submitted: new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    overview: {
      version: '0.2.3',
      sample: { id, score: 10, target: `${id}.exe`, size: 1024 },
      analysis: { score: 10, family: [family], tags: [`family:${family}`, 'botnet'] },
      tasks: (options.scores ?? [10, 10]).map((score, index) => ({ sample: id, kind: 'behavioral', name: `behavioral${index + 1}`, status: 'reported', score, tags: [`family:${family}`] })),
      targets: [{ tasks: ['behavioral1'], score: 10, target: `${id}.exe`, md5: hex(32), sha1: hex(40), sha256: hex(64), sha512: hex(128), tags: [`family:${family}`] }],
      extracted: [
        { tasks: ['behavioral1'], config: { family, rule: family, c2: options.c2 ?? [`203.0.113.${Number(n)}:443`, `c2-${n}.example.net`] } },
        { tasks: ['behavioral1'], dropper: { family, language: 'ps1', urls: [{ type: 'url', url: `http://drop-${n}.example.org/payload.bin` }] } },
      ],
    },
    staticReport: {
      version: '0.2',
      sample: { sample: id, kind: 'file', size: 1024, target: `${id}.exe` },
      task: { task: `${id}-static1`, target: `${id}.exe` },
      analysis: { reported: new Date().toISOString(), score: 10 },
      files: [{ filename: `${id}.exe`, md5: hex(32), kind: 'file', selected: true, metadata: options.signed ? { pe: { code_sign: { signers: [{ subject: 'CN=Example Software', validity: { trusted: true } }] } } } : {} }],
      unpack_count: 0,
      error_count: 0,
    },
  };
}
