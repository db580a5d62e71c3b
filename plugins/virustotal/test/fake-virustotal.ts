import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { Hono, type Context } from 'hono';
import { faultInjection } from '@ply/kit/testing';

/**
 * A fake of VirusTotal's API v3, as documented at https://docs.virustotal.com/reference/overview:
 * - `x-apikey` header on every request; a wrong key answers 401 `WrongCredentialsError`; errors are
 *   `{"error": {"code": "...", "message": "..."}}` (https://docs.virustotal.com/reference/errors);
 * - `GET /files/{md5|sha1|sha256}` (file object: md5, sha1, sha256, last_analysis_date/stats/results,
 *   404 `NotFoundError`, 400 `InvalidArgumentError` for a malformed id);
 * - `POST /files` (multipart `file`, at most 32 MB: larger files through the one-time URL of
 *   `GET /files/upload_url`, https://docs.virustotal.com/reference/files-upload-url) answers an
 *   analysis descriptor; `GET /analyses/{id}` is `queued` for `pendingLooks` looks, then
 *   `completed` with stats, results and `meta.file_info` / `meta.url_info`;
 * - `GET /urls/{base64url id}`, `POST /urls` (form `url`);
 * - `GET /domains/{domain}` and `GET /ip_addresses/{ip}` with `?relationships=` descriptors;
 * - `GET|POST /files/{id}/comments` and `/urls/{id}/comments` (a comment object `{data: {type:
 *   "comment", attributes: {text}}}`; the same text twice is 409 `AlreadyExistsError`);
 * - `GET /intelligence/hunting_notification_files?limit=&cursor=`: file objects with
 *   `context_attributes` (notification_id, notification_date, ruleset_name, rule_name), newest
 *   first, `meta.cursor` while more remain.
 * Test switches: `failNext`, `delayNextMs`, `dropNext` (connections destroyed before an answer);
 * the IP {@link CANARY_IP} answers 400 echoing the key (raw, URL-encoded, in a header).
 */
export const CANARY_IP = '203.0.113.252';
export const EICAR = { md5: '44d88612fea8a8f36de82e1278abb02f', sha1: '3395856ce81f2b7382dee72602f798b642f14140', sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f' };
export const CLEAN_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const MALICIOUS_IP = '198.51.100.66';
export const KNOWN_URL = 'http://malware.example/payload.exe';
/** A hash whose report comes back as a body that is not JSON. */
export const MALFORMED_HASH = '0'.repeat(64);

const HEX = /^([0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;
const NOW = 1_764_583_200;

function results(malicious: number, clean: number): Record<string, Record<string, unknown>> {
  const engines: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < malicious; i += 1) engines[`Engine${i}`] = { category: 'malicious', engine_name: `Engine${i}`, engine_version: '1.0', engine_update: '20261130', method: 'blacklist', result: 'EICAR-Test-File' };
  for (let i = 0; i < clean; i += 1) engines[`Clean${i}`] = { category: 'undetected', engine_name: `Clean${i}`, engine_version: '2.0', engine_update: '20261130', method: 'blacklist', result: null };
  engines['Unsupported'] = { category: 'type-unsupported', engine_name: 'Unsupported', method: 'blacklist', result: null };
  return engines;
}
const stats = (malicious: number, clean: number) => ({ malicious, suspicious: 0, undetected: clean, harmless: 0, timeout: 0, 'type-unsupported': 1, failure: 0, 'confirmed-timeout': 0 });

interface Analysis {
  looks: number;
  malicious: number;
  meta: Record<string, unknown>;
}

export interface Notification {
  id: string;
  date: number;
  sha256: string;
  name?: string;
}

export function notificationObject(n: Notification) {
  return {
    type: 'file',
    id: n.sha256,
    attributes: { md5: createHash('md5').update(n.sha256).digest('hex'), sha1: createHash('sha1').update(n.sha256).digest('hex'), sha256: n.sha256, ...(n.name ? { meaningful_name: n.name } : {}), last_analysis_stats: stats(3, 60) },
    context_attributes: { notification_id: n.id, notification_date: n.date, ruleset_name: 'APT rules', ruleset_id: 'rs-1', rule_name: 'apt_dropper', match_in_subfile: false, notification_tags: ['apt_dropper'] },
  };
}

export function fakeVirustotal(apiKey: string, options: { pendingLooks?: number; maliciousIps?: string[] } = {}) {
  const received: Array<{ method: string; path: string; query: Record<string, string>; bytes: number }> = [];
  const faults = faultInjection();
  const state = { dropNext: 0, notifications: [] as Notification[], comments: new Map<string, string[]>(), uploads: new Set<string>() };
  const analyses = new Map<string, Analysis>();
  const app = new Hono();
  const fail = (c: Context, status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 | 502 | 503 | 504, code: string, message: string) => c.json({ error: { code, message } }, status);

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    received.push({ method: c.req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), bytes: Number(c.req.header('content-length') ?? 0) });
    if (state.dropNext > 0) {
      state.dropNext -= 1;
      (c.env as { incoming: IncomingMessage }).incoming.socket.destroy();
      return new Response(null);
    }
    return next();
  });
  app.use('*', faults.middleware((c, failure) => (failure.status === 429 ? fail(c, 429, 'QuotaExceededError', 'Quota exceeded') : fail(c, failure.status, 'TransientError', 'Please retry'))));
  app.use('*', async (c, next) => {
    if (c.req.header('x-apikey') !== apiKey) return fail(c, 401, 'WrongCredentialsError', 'Wrong API key');
    return next();
  });

  const startAnalysis = (c: Context, malicious: number, meta: Record<string, unknown>) => {
    const id = Buffer.from(`${randomUUID()}:${NOW}`).toString('base64');
    analyses.set(id, { looks: 0, malicious, meta });
    return c.json({ data: { type: 'analysis', id, links: { self: `https://www.virustotal.com/api/v3/analyses/${id}` } } });
  };

  const fileUpload = async (c: Context) => {
    const form = await c.req.parseBody();
    const file = form['file'];
    if (!(file instanceof File)) return fail(c, 400, 'InvalidArgumentError', 'No file was given in the "file" field');
    const content = Buffer.from(await file.arrayBuffer());
    const sha256 = createHash('sha256').update(content).digest('hex');
    const malicious = content.includes('EICAR') ? 58 : 0;
    return startAnalysis(c, malicious, { file_info: { sha256, sha1: createHash('sha1').update(content).digest('hex'), md5: createHash('md5').update(content).digest('hex'), size: content.length } });
  };

  app.get('/files/upload_url', (c) => {
    const token = randomUUID();
    state.uploads.add(token);
    return c.json({ data: `${new URL(c.req.url).origin}/_ah/upload/${token}/` });
  });
  app.post('/_ah/upload/:token/', async (c) => {
    if (!state.uploads.delete(c.req.param('token'))) return fail(c, 400, 'InvalidArgumentError', 'This upload URL was used already or never issued');
    return fileUpload(c);
  });
  app.post('/files', async (c) => {
    if (Number(c.req.header('content-length') ?? 0) > 32 * 1024 * 1024 + 4096) return fail(c, 413, 'RequestEntityTooLargeError', 'Files larger than 32MB must be uploaded through files/upload_url');
    return fileUpload(c);
  });

  app.get('/analyses/:id', (c) => {
    const analysis = analyses.get(c.req.param('id'));
    if (!analysis) return fail(c, 404, 'NotFoundError', `Analysis "${c.req.param('id')}" not found`);
    analysis.looks += 1;
    const done = analysis.looks > (options.pendingLooks ?? 1);
    return c.json({
      data: { type: 'analysis', id: c.req.param('id'), attributes: { date: NOW, status: done ? 'completed' : 'queued', stats: done ? stats(analysis.malicious, 10) : stats(0, 0), results: done ? results(analysis.malicious, 10) : {} } },
      meta: analysis.meta,
    });
  });

  const commentsKey = (c: Context) => `${c.req.path.split('/')[1]}/${c.req.param('id')}`;
  for (const collection of ['files', 'urls']) {
    app.get(`/${collection}/:id/comments`, (c) => {
      if (collection === 'files' && c.req.param('id') === 'ffffffffffffffffffffffffffffffff') return fail(c, 404, 'NotFoundError', 'File not found');
      const texts = state.comments.get(commentsKey(c)) ?? [];
      return c.json({ data: texts.map((text, i) => ({ type: 'comment', id: `${c.req.param('id')}-${i}`, attributes: { date: NOW - i * 60, text, tags: text.includes('#malware') ? ['malware'] : [], votes: { positive: 0, negative: 0, abuse: 0 } } })), meta: { count: texts.length } });
    });
    app.post(`/${collection}/:id/comments`, async (c) => {
      const body = (await c.req.json().catch(() => undefined)) as { data?: { type?: string; attributes?: { text?: unknown } } } | undefined;
      const text = body?.data?.attributes?.text;
      if (body?.data?.type !== 'comment' || typeof text !== 'string' || text === '') return fail(c, 400, 'InvalidArgumentError', 'Expected a comment object with a text attribute');
      const texts = state.comments.get(commentsKey(c)) ?? [];
      if (texts.includes(text)) return fail(c, 409, 'AlreadyExistsError', 'This comment already exists');
      state.comments.set(commentsKey(c), [text, ...texts]);
      return c.json({ data: { type: 'comment', id: `${c.req.param('id')}-${texts.length}`, attributes: { text, date: NOW } } });
    });
  }

  app.get('/files/:id', (c) => {
    const id = c.req.param('id').toLowerCase();
    if (id === MALFORMED_HASH) return c.text('<html>upstream error</html>', 200, { 'content-type': 'application/json' });
    if (!HEX.test(id)) return fail(c, 400, 'InvalidArgumentError', `"${id}" is not a valid file identifier`);
    const known = Object.values(EICAR).includes(id) ? { ...EICAR, malicious: 58 } : id === CLEAN_SHA256 ? { md5: 'd41d8cd98f00b204e9800998ecf8427e', sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709', sha256: CLEAN_SHA256, malicious: 0 } : undefined;
    if (!known) return fail(c, 404, 'NotFoundError', `File "${id}" not found`);
    const { malicious, ...hashes } = known;
    return c.json({ data: { type: 'file', id: hashes.sha256, links: { self: `https://www.virustotal.com/api/v3/files/${hashes.sha256}` }, attributes: { ...hashes, last_analysis_date: NOW, last_analysis_stats: stats(malicious, 10), last_analysis_results: results(malicious, 10), meaningful_name: 'sample.bin' } } });
  });

  app.get('/urls/:id', (c) => {
    const url = Buffer.from(c.req.param('id'), 'base64url').toString();
    if (url !== KNOWN_URL) return fail(c, 404, 'NotFoundError', `URL "${c.req.param('id')}" not found`);
    const id = createHash('sha256').update(url).digest('hex');
    return c.json({ data: { type: 'url', id, attributes: { url, last_analysis_date: NOW, last_analysis_stats: stats(7, 80), last_analysis_results: results(7, 80) } } });
  });
  app.post('/urls', async (c) => {
    const form = await c.req.parseBody();
    const url = form['url'];
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return fail(c, 400, 'InvalidArgumentError', 'Expected a "url" form field');
    return startAnalysis(c, url.includes('phish') ? 12 : 0, { url_info: { id: createHash('sha256').update(url).digest('hex'), url } });
  });

  app.get('/domains/:domain', (c) => {
    const domain = c.req.param('domain');
    if (domain !== 'example.org') return fail(c, 404, 'NotFoundError', `Domain "${domain}" not found`);
    const wanted = (c.req.query('relationships') ?? '').split(',');
    const relationships: Record<string, unknown> = {};
    if (wanted.includes('subdomains')) relationships['subdomains'] = { data: [{ type: 'domain', id: 'www.example.org' }, { type: 'domain', id: 'mail.example.org' }] };
    if (wanted.includes('siblings')) relationships['siblings'] = { data: [{ type: 'domain', id: 'example.net' }] };
    if (wanted.includes('resolutions')) relationships['resolutions'] = { data: [{ type: 'resolution', id: `93.184.215.14${domain}` }] };
    return c.json({ data: { type: 'domain', id: domain, attributes: { categories: { Forcepoint: 'reference materials', BitDefender: 'education', Sophos: 'reference materials' }, reputation: 12, last_analysis_stats: stats(0, 90) }, relationships } });
  });

  app.get('/ip_addresses/:ip', (c) => {
    const ip = c.req.param('ip');
    if (ip === CANARY_IP) {
      c.header('X-Debug-Key', apiKey);
      return fail(c, 400, 'InvalidArgumentError', `bad request for ${apiKey} (${encodeURIComponent(apiKey)})`);
    }
    if (isIP(ip) === 0) return fail(c, 400, 'InvalidArgumentError', `"${ip}" is not a valid IP address`);
    if (ip === '192.0.2.1') return fail(c, 404, 'NotFoundError', `IP address "${ip}" not found`);
    const malicious = (options.maliciousIps ?? [MALICIOUS_IP]).includes(ip) ? 14 : 0;
    const relationships = (c.req.query('relationships') ?? '').split(',').includes('resolutions') ? { resolutions: { data: [{ type: 'resolution', id: `${ip}bad.example` }] } } : {};
    return c.json({ data: { type: 'ip_address', id: ip, attributes: { country: 'NL', asn: 64500, as_owner: 'Example Hosting', network: `${ip.split('.').slice(0, 3).join('.')}.0/24`, reputation: malicious > 0 ? -40 : 0, last_analysis_stats: stats(malicious, 70), last_analysis_results: results(malicious, 70) }, relationships } });
  });

  app.get('/intelligence/hunting_notification_files', (c) => {
    const limit = Number(c.req.query('limit') ?? '10');
    if (!Number.isInteger(limit) || limit < 1 || limit > 40) return fail(c, 400, 'InvalidArgumentError', 'limit must be between 1 and 40');
    const offset = Number(c.req.query('cursor') ?? '0');
    const newestFirst = [...state.notifications].sort((a, b) => b.date - a.date);
    const page = newestFirst.slice(offset, offset + limit);
    const more = offset + limit < newestFirst.length;
    return c.json({ data: page.map(notificationObject), meta: more ? { cursor: String(offset + limit) } : {}, links: { self: c.req.url } });
  });

  return { app, received, faults, state };
}
