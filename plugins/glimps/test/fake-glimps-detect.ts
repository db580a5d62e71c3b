// A fake GLIMPS Detect API after GLIMPS' published client and its documentation:
// https://pypi.org/project/gdetect and https://github.com/glimps-re/py-gdetect (routes, token header, result shapes).
import { createHash, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { faultInjection } from '@ply/kit/testing';

const EXPORT_FORMATS = ['misp', 'stix', 'json', 'pdf', 'markdown', 'csv'];
const EXPORT_LAYOUTS = ['en', 'fr'];

/** A PDF's first bytes and a few that are not UTF-8: an export must reach its file untouched. */
export const PDF_BYTES = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0xff]);

/** A file GLIMPS analysed before the tests start. */
export const KNOWN_SHA256 = '131f95c51cc819465fa1797f6ccacf9d494aaaff46fa3eac73ae63ffbdfd8267';

interface Analysis {
  uuid: string;
  sha256: string;
  filename: string;
  size: number;
  polls: number;
}

/**
 * A fake of GLIMPS Malware Detect's API under `/api/lite/v2/`, as the vendor's gdetect client calls
 * it and documents it (https://pypi.org/project/gdetect, https://github.com/glimps-re/py-gdetect,
 * whose test mocks give the answers and error bodies):
 * - the token in `X-Auth-Token`, else 401 `{ status: false, error: "unauthorized" }`;
 * - `POST /submit`, multipart with a `file` part (else 400 `{ status: false, error: "bad request",
 *   details: [{ file: "file is required" }] }`), options in the query (`bypass-cache`, `tags`,
 *   `description`, `archive_password`); answers `{ status: true, uuid }`;
 * - `GET /results/{uuid}`: the analysis, `done: false` until it has been asked `pollsUntilDone`
 *   times, then done with its verdict, `token` and `sid`; 404 `{ status: false, error: "file not found" }`;
 * - `GET /search/{sha256}`: the last analysis of that file, else 404;
 * - `GET /results/{uuid}/export?format=&layout=&full=`: the export's bytes (`format` one of misp,
 *   stix, json, pdf, markdown, csv; `layout` en or fr; else 400);
 * - `GET /status`: the profile's quotas (`statusFields` trims the answer to test the client's defaults).
 * `failNext` / `delayNextMs` inject 429/5xx answers and slowness; `malformedNext` an HTML answer;
 * `echoNext` an error quoting the token raw, URL-encoded and in a header (the canary).
 */
export function fakeGlimpsDetect(token: string) {
  const received: Array<{ method: string; path: string; query: Record<string, string> }> = [];
  const uploads: Array<{ filename: string; sha256: string; size: number }> = [];
  const analyses = new Map<string, Analysis>();
  const faults = faultInjection();
  const state = { malformedNext: false, echoNext: false, pollsUntilDone: 1, statusFields: undefined as string[] | undefined };
  const app = new Hono();
  const refuse = (c: Context, status: 400 | 401 | 404, error: string, details?: unknown[]) => c.json({ status: false, error, ...(details ? { details } : {}) }, status);
  analyses.set('1da0cb84-c5cc-4832-8882-4a7e9df11ed2', { uuid: '1da0cb84-c5cc-4832-8882-4a7e9df11ed2', sha256: KNOWN_SHA256, filename: 'invoice.exe', size: 4000000, polls: 99 });

  app.use('*', async (c, next) => {
    received.push({ method: c.req.method, path: new URL(c.req.url).pathname, query: c.req.query() });
    await next();
  });
  app.use('*', faults.middleware((c, failure) => c.json({ status: false, error: failure.status === 429 ? 'quota exceeded, try again in 24h' : `server error ${failure.status}` }, failure.status)));
  app.use('/api/lite/v2/*', async (c, next) => {
    const given = c.req.header('x-auth-token') ?? '';
    if (state.echoNext) {
      state.echoNext = false;
      c.header('X-Auth-Echo', given);
      return refuse(c, 400, `token ${given} (${encodeURIComponent(given)}) cannot be used here`);
    }
    if (given !== token) return refuse(c, 401, 'unauthorized');
    if (state.malformedNext) {
      state.malformedNext = false;
      return c.html('<html><body>502 Bad Gateway</body></html>');
    }
    return next();
  });

  const analysisOf = (analysis: Analysis) => {
    const done = analysis.polls >= state.pollsUntilDone;
    const base = { status: true, uuid: analysis.uuid, sha256: analysis.sha256, sha1: 'e0b77bdd78bf3215221298475c88fb23e4e84f98', md5: 'e1c080be1a748d69246ad9c766ad8809', done, timestamp: 1764590400000, filetype: 'exe', size: analysis.size, filenames: [analysis.filename], files: [] };
    if (!done) return base;
    return { ...base, special_status_code: 0, ssdeep: '3:FEROlMk3/DXO2EXhIWAlvgulM4jIL2Q:FEROik3guWe9i4jIL2Q', is_malware: true, score: 3000, file_count: 1, duration: 20_480, malwares: ['Trojan.Generic'], sid: '7UZy0tbWPSTdNfkzKSW5gS', token: 'eyJhbGciOiJIUzI1NiJ9.view.token' };
  };

  app.post('/api/lite/v2/submit', async (c) => {
    const form = await c.req.formData();
    const file = form.get('file');
    if (!(file instanceof File)) return refuse(c, 400, 'bad request', [{ file: 'file is required' }]);
    const bypass = c.req.query('bypass-cache');
    if (bypass !== undefined && !['True', 'False', 'true', 'false'].includes(bypass)) return refuse(c, 400, 'bad request', [{ 'bypass-cache': 'must be a boolean' }]);
    const bytes = Buffer.from(await file.arrayBuffer());
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    uploads.push({ filename: file.name, sha256, size: bytes.length });
    const analysis = { uuid: randomUUID(), sha256, filename: file.name, size: bytes.length, polls: 0 };
    analyses.set(analysis.uuid, analysis);
    return c.json({ status: true, uuid: analysis.uuid });
  });
  app.get('/api/lite/v2/results/:uuid/export', (c) => {
    if (!analyses.has(c.req.param('uuid'))) return refuse(c, 404, 'file not found');
    const format = c.req.query('format') ?? '';
    if (!EXPORT_FORMATS.includes(format)) return refuse(c, 400, 'bad request', [{ format: `must be one of ${EXPORT_FORMATS.join(', ')}` }]);
    if (!EXPORT_LAYOUTS.includes(c.req.query('layout') ?? '')) return refuse(c, 400, 'bad request', [{ layout: 'must be en or fr' }]);
    if (format === 'pdf') return c.body(PDF_BYTES.slice().buffer, 200, { 'content-type': 'application/pdf' });
    return c.body(`Verdict,Score,Full\nmalicious,3000,${c.req.query('full')}\n`, 200, { 'content-type': 'text/csv' });
  });
  app.get('/api/lite/v2/results/:uuid', (c) => {
    const analysis = analyses.get(c.req.param('uuid'));
    if (!analysis) return refuse(c, 404, 'file not found');
    analysis.polls += 1;
    return c.json(analysisOf(analysis));
  });
  app.get('/api/lite/v2/search/:sha256', (c) => {
    const analysis = [...analyses.values()].reverse().find((candidate) => candidate.sha256 === c.req.param('sha256'));
    if (!analysis) return refuse(c, 404, 'file not found');
    return c.json(analysisOf(analysis));
  });
  app.get('/api/lite/v2/status', (c) => {
    const status: Record<string, unknown> = { daily_quota: 1000, available_daily_quota: 987, cache: true, estimated_analysis_duration: 21_000, profile: 'ggp' };
    return c.json(state.statusFields ? Object.fromEntries(Object.entries(status).filter(([key]) => state.statusFields!.includes(key))) : status);
  });
  return { app, received, uploads, analyses, faults, state };
}
