// Specifications: https://www.rfc-editor.org/rfc/rfc9110, https://www.rfc-editor.org/rfc/rfc7617,
// https://www.rfc-editor.org/rfc/rfc6750, https://www.rfc-editor.org/rfc/rfc7616, https://www.rfc-editor.org/rfc/rfc6266
/**
 * A fake of "any web server" for the HTTP module, after the specifications a real one follows:
 * RFC 9110 (methods, status codes and reason phrases, Content-Type charset, redirects,
 * Retry-After), RFC 7617 (Basic), RFC 6750 (Bearer), RFC 7616 (Digest: the server's challenge,
 * and its check of the client's response for MD5 and SHA-256, qop auth), RFC 6266 / RFC 8187
 * (Content-Disposition file names). It refuses what such a server refuses: wrong credentials
 * (401 with a challenge), stale or unknown nonces, a wrong digest.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { stream } from 'hono/streaming';

export interface FakeWebServer {
  app: Hono;
  /** Requests received, in order: method and path with query. */
  received: Array<{ method: string; path: string; headers: Record<string, string>; body: string }>;
  /** How many times each `/flaky/:id` path answered. */
  flaky: Map<string, number>;
}

const USER = 'analyst';

function parseDigest(header: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of header.replace(/^Digest\s+/i, '').matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g)) fields[match[1]!] = (match[2] ?? match[3])!.replace(/\\(.)/g, '$1');
  return fields;
}

export function fakeWebServer(options: { password: string; token: string }): FakeWebServer {
  const received: FakeWebServer['received'] = [];
  const flaky = new Map<string, number>();
  const nonces = new Set<string>();
  const app = new Hono();

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    received.push({ method: c.req.method, path: `${url.pathname}${url.search}`, headers: Object.fromEntries([...Object.entries(c.req.header())]), body: await c.req.raw.clone().text() });
    await next();
  });

  app.all('/echo', async (c) => {
    const url = new URL(c.req.url);
    const query: Record<string, string[]> = {};
    for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
    return c.json({ method: c.req.method, query, headers: c.req.header(), body: await c.req.text() }, 200, { 'x-served-by': 'fake' });
  });

  app.get('/latin1', () => new Response(Buffer.from([0x63, 0x61, 0x66, 0xe9]), { headers: { 'content-type': 'text/plain; charset=iso-8859-1' } }));
  app.get('/bad-json', () => new Response('{"alert": ', { headers: { 'content-type': 'application/json' } }));
  app.get('/no-content', () => new Response(null, { status: 204, headers: { 'content-type': 'application/json' } }));

  app.all('/status/:code', (c) => {
    const status = Number(c.req.param('code'));
    const retryAfter = c.req.query('retry_after');
    return c.json({ message: `status ${status}` }, status as 400, retryAfter === undefined ? {} : { 'retry-after': retryAfter });
  });

  app.all('/flaky/:id', (c) => {
    const id = c.req.param('id');
    const seen = (flaky.get(id) ?? 0) + 1;
    flaky.set(id, seen);
    const failures = Number(c.req.query('failures') ?? '1');
    return seen <= failures ? c.json({ message: 'try again' }, 503) : c.json({ attempt: seen });
  });

  app.get('/redirect', (c) => c.redirect(c.req.query('to')!, 302));

  app.get('/basic', (c) => {
    const expected = `Basic ${Buffer.from(`${USER}:${options.password}`).toString('base64')}`;
    if (c.req.header('authorization') !== expected) return c.json({ message: 'unauthorized' }, 401, { 'www-authenticate': 'Basic realm="fake", charset="UTF-8"' });
    return c.json({ user: USER });
  });

  app.get('/bearer', (c) => {
    if (c.req.header('authorization') !== `Bearer ${options.token}`) {
      // A careless server quoting what it was sent: the token raw, URL-encoded and in a header.
      const sent = c.req.header('authorization') ?? '';
      return c.json({ message: `bad token ${sent} (${encodeURIComponent(sent)})` }, 401, { 'www-authenticate': 'Bearer realm="fake", error="invalid_token"', 'x-received': sent });
    }
    return c.json({ ok: true });
  });

  app.all('/digest/:algorithm', async (c) => {
    const algorithm = c.req.param('algorithm').toUpperCase();
    const hash = algorithm === 'MD5' ? 'md5' : 'sha256';
    const H = (data: string) => createHash(hash).update(data).digest('hex');
    const realm = 'fake@example.org';
    const challenge = () => {
      const nonce = randomBytes(16).toString('base64');
      nonces.add(nonce);
      // Two challenges, strongest first, and a Basic one beside them, as RFC 7616 §3.7 allows.
      const value = `Digest realm="${realm}", qop="auth, auth-int", algorithm=${algorithm}, nonce="${nonce}", opaque="op-aque"`;
      return c.json({ message: 'unauthorized' }, 401, { 'www-authenticate': `${value}, Basic realm="${realm}"` });
    };
    const header = c.req.header('authorization');
    if (!header?.startsWith('Digest ')) return challenge();
    const fields = parseDigest(header);
    if (fields['username'] !== USER || fields['realm'] !== realm || fields['algorithm']?.toUpperCase() !== algorithm || fields['opaque'] !== 'op-aque' || !nonces.has(fields['nonce'] ?? '')) return challenge();
    const url = new URL(c.req.url);
    if (fields['uri'] !== `${url.pathname}${url.search}`) return c.json({ message: 'uri does not match the request-target' }, 400);
    const ha1 = H(`${USER}:${realm}:${options.password}`);
    const ha2 = fields['qop'] === 'auth-int' ? H(`${c.req.method}:${fields['uri']}:${H(await c.req.text())}`) : H(`${c.req.method}:${fields['uri']}`);
    const expected = H(`${ha1}:${fields['nonce']}:${fields['nc']}:${fields['cnonce']}:${fields['qop']}:${ha2}`);
    if (fields['response'] !== expected) return challenge();
    return c.json({ user: USER, algorithm, qop: fields['qop'] });
  });

  app.get('/hang', () => new Promise<Response>(() => undefined));

  app.get('/files/:name', (c) => new Response(Buffer.from(`content of ${c.req.param('name')}`), { headers: { 'content-type': 'application/octet-stream' } }));
  app.get('/disposition', (c) => {
    const kind = c.req.query('kind');
    const disposition = kind === 'extended' ? "attachment; filename=\"fallback.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9.txt" : 'attachment; filename="../../etc/evil name.txt"';
    return new Response('disposed', { headers: { 'content-disposition': disposition, 'content-type': 'text/plain' } });
  });
  app.get('/big', (c) => {
    const size = Number(c.req.query('size'));
    if (c.req.query('declared') === '1') return new Response(Buffer.alloc(size, 0x61), { headers: { 'content-length': String(size) } });
    return stream(c, async (out) => {
      for (let sent = 0; sent < size; sent += 16_384) await out.write(new Uint8Array(Math.min(16_384, size - sent)).fill(0x62));
    });
  });

  return { app, received, flaky };
}
