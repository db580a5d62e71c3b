/**
 * A fake MWDB after mwdb-core's published REST API (its OpenAPI, served at `/api/docs` and
 * described at https://mwdb.readthedocs.io/en/latest/user-guide/8-REST-and-mwdblib.html; the
 * resources' specs in mwdb-core `mwdb/resources/{config,file,auth}.py`, the shapes in
 * `mwdb/schema/{object,config,file}.py`):
 * - every call needs `Authorization: Bearer <api key>`, else 401 `{"message": "Not authenticated."}`;
 *   every error is `{"message": "..."}` (mwdb-core's `_make_error_response`);
 * - `GET /api/config?older_than=<id>&count=<n>` lists configurations newest first (upload time,
 *   then insertion), `{"configs": [{id, type, tags, upload_time, family, config_type}]}`; `count`
 *   defaults to 10 and is capped at 1,000; an unknown `older_than` is a 404 "Object specified in
 *   'older_than' parameter not found"; `page` and `older_than` together are a 400;
 * - `GET /api/config/{id}` the full record (`cfg`, `parents`, `children`, `attributes`, ...) or 404
 *   "Object not found"; `GET /api/file/{id}` a file's record; `GET /api/auth/validate` the session;
 * - 429 answers carry `Retry-After` (mwdb-core's rate limiter, "Request limit: ... was exceeded!").
 * Test switches: `faults` (429/5xx, delay, dropped connections), `unreadable` (configurations
 * listed but gone when read: deleted in between), `malformed`, `echoKey` (an error
 * body and header quoting the key, raw and URL-encoded).
 */
import { Hono, type Context } from 'hono';
import { faultInjection } from '@ply/kit/testing';

export interface FakeFile {
  id: string;
  file_name: string;
  file_size: number;
  file_type: string;
  md5: string;
  sha1: string;
  sha256: string;
  sha512: string;
  crc32: string;
  ssdeep: string | null;
}

export interface FakeConfig {
  id: string;
  family: string;
  config_type: 'static' | 'dynamic';
  cfg: Record<string, unknown>;
  upload_time: string;
  parents: string[];
}

const hex = (seed: number, length: number) => seed.toString(16).padStart(8, '0').repeat(Math.ceil(length / 8)).slice(0, length);

/** A sample file of the fake, its hashes derived from `n`. */
export const sampleFile = (n: number): FakeFile => ({ id: hex(n, 64), file_name: `sample-${n}.exe`, file_size: 1000 + n, file_type: 'PE32 executable (GUI) Intel 80386, for MS Windows', md5: hex(n, 32), sha1: hex(n, 40), sha256: hex(n, 64), sha512: hex(n, 128), crc32: hex(n, 8), ssdeep: `24:${n}abc:${n}def` });

/** A configuration of the fake, uploaded `n` seconds after a fixed start, with its sample. */
export const fakeConfig = (n: number, cfg: Record<string, unknown> = { type: 'mirai', cncs: [{ host: `c2-${n}.example.com`, port: 23 }] }): FakeConfig => ({
  id: hex(0x0c0f_0000 + n, 64),
  family: String(cfg['type'] ?? 'mirai'),
  config_type: 'static',
  cfg,
  upload_time: new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString().replace('Z', '+00:00'),
  parents: [sampleFile(n).id],
});

export function fakeMwdb(apiKey: string) {
  const faults = faultInjection();
  const state = { configs: [] as FakeConfig[], files: new Map<string, FakeFile>(), listings: [] as Array<Record<string, string>>, unreadable: new Set<string>(), malformed: false, echoKey: false };
  const app = new Hono();
  const message = (c: Context, status: 400 | 401 | 404 | 429 | 500 | 502 | 503 | 504, text: string) => c.json({ message: text }, status);

  /** Adds configurations (and their sample files) as MWDB stores uploads: the newest last. */
  const upload = (...configs: FakeConfig[]) => {
    for (const config of configs) {
      state.configs.push(config);
      for (const id of config.parents) state.files.set(id, sampleFile(Number.parseInt(id.slice(0, 8), 16)));
    }
  };

  app.use('*', faults.middleware((c, failure) => (failure.status === 429 ? message(c, 429, 'Request limit: 1000 per 1 hour for get_config was exceeded!') : message(c, failure.status, 'The server encountered an internal error and was unable to complete your request.'))));
  app.use('/api/*', async (c, next) => {
    const authorization = c.req.header('authorization');
    if (state.echoKey) {
      // A misbehaving proxy in front of MWDB quoting what it received, every way it can.
      const key = authorization?.replace(/^Bearer /, '') ?? '';
      c.header('X-Debug-Authorization', key);
      return message(c, 400, `bad key ${key} (${encodeURIComponent(key)})`);
    }
    if (authorization !== `Bearer ${apiKey}`) return message(c, 401, 'Not authenticated.');
    if (state.malformed) return c.text('<html><body>MWDB web app</body></html>', 200, { 'content-type': 'application/json' });
    return next();
  });

  /** Newest first: upload time, then insertion order (mwdb-core orders by upload_time desc, id desc). */
  const newestFirst = () => state.configs.map((config, seq) => ({ config, seq })).sort((a, b) => Date.parse(b.config.upload_time) - Date.parse(a.config.upload_time) || b.seq - a.seq);
  const listItem = (config: FakeConfig) => ({ id: config.id, type: 'static_config', tags: [{ tag: `family:${config.family}` }], upload_time: config.upload_time, family: config.family, config_type: config.config_type });
  const objectItem = (id: string, type: string, uploadTime: string) => ({ id, type, tags: [], upload_time: uploadTime });

  app.get('/api/config', (c) => {
    const query = c.req.query();
    state.listings.push(query);
    if (query['page'] !== undefined && query['older_than'] !== undefined) return message(c, 400, "'page' and 'older_than' can't be used simultaneously. Use 'older_than' for new code.");
    const count = query['count'] === undefined ? 10 : Number(query['count']);
    if (!Number.isInteger(count)) return message(c, 400, 'count: Not a valid integer.');
    const ordered = newestFirst();
    let start = 0;
    if (query['older_than'] !== undefined) {
      const pivot = ordered.findIndex((entry) => entry.config.id === query['older_than']);
      if (pivot < 0) return message(c, 404, "Object specified in 'older_than' parameter not found");
      start = pivot + 1;
    }
    return c.json({ configs: ordered.slice(start, start + Math.min(Math.max(count, 0), 1000)).map((entry) => listItem(entry.config)) });
  });
  app.get('/api/config/:id', (c) => {
    const config = state.configs.find((entry) => entry.id === c.req.param('id'));
    if (!config || state.unreadable.has(config.id)) return message(c, 404, 'Object not found');
    const parents = config.parents.map((id) => objectItem(id, 'file', config.upload_time));
    return c.json({ ...listItem(config), favorite: false, share_3rd_party: true, cfg: config.cfg, parents, children: [], attributes: [] });
  });
  app.get('/api/file/:id', (c) => {
    const file = state.files.get(c.req.param('id'));
    if (!file) return message(c, 404, 'Object not found');
    return c.json({ ...objectItem(file.id, 'file', '2026-11-01T00:00:00+00:00'), ...file, alt_names: [], favorite: false, share_3rd_party: true, parents: [], children: [], attributes: [], latest_config: null });
  });
  // werkzeug's NotFound through mwdb-core's error handler, for any other path.
  app.notFound((c) => message(c, 404, 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.'));
  app.get('/api/auth/validate', (c) => c.json({ login: 'analyst', capabilities: ['adding_files'], groups: ['public'] }));
  return { app, state, faults, upload };
}
