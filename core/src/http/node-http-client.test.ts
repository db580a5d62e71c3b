import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogFields, Logger } from '../contracts/logger.js';
import { NodeHttpClient, type NodeHttpClientOptions } from './node-http-client.js';
import { RateLimiter } from './rate-limiter.js';
import { signalCancellation } from './cancellation.js';
import { plyErrorOf, SELF_SIGNED_CERT, startFakeServer } from '@ply/kit/testing';

// ---------------------------------------------------------------------------------------------
// Test doubles: a real HTTP server on 127.0.0.1 and a recording Logger.
// ---------------------------------------------------------------------------------------------

interface Hit {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

type Handler = (hit: Hit, res: ServerResponse, index: number) => void;

interface TestServer {
  url: string;
  hits: Hit[];
}

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function startServer(handler: Handler): Promise<TestServer> {
  const hits: Hit[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const hit: Hit = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at,
      };
      hits.push(hit);
      handler(hit, res, hits.length - 1);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits };
}

/** A port that refuses connections: listen, note the port, close. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
  } else if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(body);
  } else if (Buffer.isBuffer(body)) {
    res.writeHead(status, { 'content-type': 'application/octet-stream', ...headers }).end(body);
  } else {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
  }
}

interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields;
}

class RecordingLogger implements Logger {
  readonly lines: LogLine[];
  onLine: ((line: LogLine) => void) | undefined;
  readonly #bindings: LogFields;

  constructor(lines: LogLine[] = [], bindings: LogFields = {}) {
    this.lines = lines;
    this.#bindings = bindings;
  }

  debug(message: string, fields?: LogFields): void {
    this.#record('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.#record('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.#record('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.#record('error', message, fields);
  }
  child(bindings: LogFields): Logger {
    return new RecordingLogger(this.lines, { ...this.#bindings, ...bindings });
  }

  #record(level: LogLine['level'], message: string, fields: LogFields = {}): void {
    const line = { level, message, fields: { ...this.#bindings, ...fields } };
    this.lines.push(line);
    this.onLine?.(line);
  }
}

const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 50 };

function client(logger: Logger, options: Partial<NodeHttpClientOptions> = {}): NodeHttpClient {
  return new NodeHttpClient({ logger, retry: FAST_RETRY, defaultTimeoutMs: 5_000, ...options });
}


// ---------------------------------------------------------------------------------------------

describe('NodeHttpClient: requests and responses', () => {
  it('builds the query: arrays repeat the key, undefined and null are dropped, existing query kept', async () => {
    const server = await startServer((_hit, res) => send(res, 204));
    const http = client(new RecordingLogger());
    await http.request(`${server.url}/search?fixed=1`, {
      query: { q: 'a b&c', tag: ['x', 'y', 3], flag: true, n: 0, gone: undefined, none: null },
    });
    const { searchParams, pathname } = server.hits[0]!.url;
    expect(pathname).toBe('/search');
    expect(searchParams.get('fixed')).toBe('1');
    expect(searchParams.get('q')).toBe('a b&c');
    expect(searchParams.getAll('tag')).toEqual(['x', 'y', '3']);
    expect(searchParams.get('flag')).toBe('true');
    expect(searchParams.get('n')).toBe('0');
    expect(searchParams.has('gone')).toBe(false);
    expect(searchParams.has('none')).toBe(false);
  });

  it('sends a JSON body with its content-type and parses the JSON answer', async () => {
    const server = await startServer((hit, res) => send(res, 201, { received: JSON.parse(hit.body) as unknown, id: 7 }));
    const http = client(new RecordingLogger(), { userAgent: 'ply-test/1.0' });
    const response = await http.request<{ received: unknown; id: number }>(`${server.url}/items`, {
      method: 'POST',
      json: { name: 'alert', tags: ['a'], nested: { n: 1 } },
      headers: { authorization: 'Bearer T' },
    });
    const hit = server.hits[0]!;
    expect(hit.method).toBe('POST');
    expect(hit.headers['content-type']).toBe('application/json');
    expect(hit.headers['authorization']).toBe('Bearer T');
    expect(hit.headers['user-agent']).toBe('ply-test/1.0');
    expect(response.status).toBe(201);
    expect(response.attempts).toBe(1);
    expect(response.body).toEqual({ received: { name: 'alert', tags: ['a'], nested: { n: 1 } }, id: 7 });
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.url).toBe(`${server.url}/items`);
  });

  it('keeps a content-type and user-agent set by the request', async () => {
    const server = await startServer((_hit, res) => send(res, 204));
    const http = client(new RecordingLogger(), { userAgent: 'ply-test/1.0' });
    await http.request(server.url, {
      method: 'PUT',
      json: { a: 1 },
      headers: { 'Content-Type': 'application/vnd.api+json', 'User-Agent': 'custom' },
    });
    expect(server.hits[0]!.headers['content-type']).toBe('application/vnd.api+json');
    expect(server.hits[0]!.headers['user-agent']).toBe('custom');
  });

  it('sends a raw body as is', async () => {
    const server = await startServer((hit, res) => send(res, 200, hit.body));
    const http = client(new RecordingLogger());
    const response = await http.request(server.url, { method: 'POST', body: 'raw=1', headers: { 'content-type': 'text/plain' } });
    expect(server.hits[0]!.body).toBe('raw=1');
    expect(response.body).toBe('raw=1');
  });

  it('reads bodies according to responseType', async () => {
    const server = await startServer((hit, res) => {
      const kind = hit.url.searchParams.get('kind');
      if (kind === 'json-as-text') send(res, 200, '{"a":1}');
      else if (kind === 'problem') send(res, 200, '{"a":2}', { 'content-type': 'application/problem+json' });
      else if (kind === 'empty-json') send(res, 200, undefined, { 'content-type': 'application/json' });
      else if (kind === 'text') send(res, 200, 'hello');
      else if (kind === 'binary') send(res, 200, Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00]), { 'content-type': 'application/pdf' });
      else send(res, 200, { a: 3 });
    });
    const http = client(new RecordingLogger());
    const get = (kind: string, responseType?: 'auto' | 'json' | 'text' | 'bytes' | 'none'): Promise<unknown> =>
      http.request(server.url, { query: { kind }, ...(responseType ? { responseType } : {}) }).then((r) => r.body);

    expect(await get('text')).toBe('hello');
    expect(await get('json')).toEqual({ a: 3 });
    expect(await get('problem')).toEqual({ a: 2 });
    expect(await get('empty-json')).toBeUndefined();
    expect(await get('json-as-text')).toBe('{"a":1}');
    expect(await get('json-as-text', 'json')).toEqual({ a: 1 });
    expect(await get('json', 'text')).toBe('{"a":3}');
    expect(await get('json', 'none')).toBeUndefined();
    expect(await get('empty-json', 'text')).toBe('');
    // Bytes that are not UTF-8 come back as they were sent.
    expect(await get('binary', 'bytes')).toEqual(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00]));
  });

  it('throws PLY_VENDOR_RESPONSE_INVALID on a 2xx JSON body that does not parse', async () => {
    const server = await startServer((_hit, res) => send(res, 200, '{oops', { 'content-type': 'application/json' }));
    const error = await plyErrorOf(client(new RecordingLogger()).request(server.url));
    expect(error.code).toBe('PLY_VENDOR_RESPONSE_INVALID');
    expect(error.message).toContain('not valid JSON');
    expect(server.hits).toHaveLength(1);
  });

  it('rejects malformed requests as PLY_INVALID_INPUT before sending anything', async () => {
    const server = await startServer((_hit, res) => send(res, 200));
    const http = client(new RecordingLogger());
    expect((await plyErrorOf(http.request('/relative'))).code).toBe('PLY_INVALID_INPUT');
    expect((await plyErrorOf(http.request('ftp://127.0.0.1/x'))).code).toBe('PLY_INVALID_INPUT');
    expect((await plyErrorOf(http.request(server.url, { method: 'GET', json: { a: 1 } }))).code).toBe('PLY_INVALID_INPUT');
    expect((await plyErrorOf(http.request(server.url, { method: 'POST', json: {}, body: 'x' }))).code).toBe('PLY_INVALID_INPUT');
    const badHeader = await plyErrorOf(http.request(server.url, { headers: { authorization: 'Bearer SECRET\nInjected: 1' } }));
    expect(badHeader.code).toBe('PLY_INVALID_INPUT');
    expect(badHeader.message).not.toContain('SECRET');
    expect(server.hits).toHaveLength(0);
  });

  it('refuses a header name or value that node:http refuses once, without retrying it, and never sends "undefined"', async () => {
    const server = await startServer((_hit, res) => send(res, 200));
    const logger = new RecordingLogger();
    const http = client(logger);
    const cases: Array<Record<string, string>> = [
      { 'bad name': 'x' },
      { 'x-key': 'SECRET\r\nx-injected: 1' },
      { 'x-key': 'caf\u00e9 \u20ac' },
      { 'x-key': undefined as unknown as string },
    ];
    for (const headers of cases) {
      const error = await plyErrorOf(http.request(server.url, { headers }));
      expect(error.code, JSON.stringify(headers)).toBe('PLY_INVALID_INPUT');
      expect(error.message).toBe(`GET ${server.url}/: invalid request headers`);
      expect(JSON.stringify(error.details)).not.toContain('SECRET');
    }
    expect(server.hits).toHaveLength(0);
    expect(logger.lines.filter((line) => line.message.includes('retrying'))).toEqual([]);
  });
});

describe('NodeHttpClient: redirects, compression, cut bodies', () => {
  it('follows a 303 after a POST as a GET without the body, and reports the final URL', async () => {
    const server = await startServer((hit, res) =>
      hit.url.pathname === '/create' ? send(res, 303, undefined, { location: '/created/1' }) : send(res, 200, { method: hit.method, body: hit.body }),
    );
    const response = await client(new RecordingLogger()).request(`${server.url}/create`, { method: 'POST', json: { a: 1 } });
    expect(response.body).toEqual({ method: 'GET', body: '' });
    expect(response.url).toBe(`${server.url}/created/1`);
    expect(server.hits[1]!.headers['content-type']).toBeUndefined();
  });

  it('keeps the method and body through a 307', async () => {
    const server = await startServer((hit, res) =>
      hit.url.pathname === '/old' ? send(res, 307, undefined, { location: '/new' }) : send(res, 200, { method: hit.method, body: hit.body }),
    );
    const response = await client(new RecordingLogger()).request(`${server.url}/old`, { method: 'PUT', json: { a: 1 } });
    expect(response.body).toEqual({ method: 'PUT', body: '{"a":1}' });
  });

  it('drops the authorization header on a redirect to another origin, keeps it on the same origin', async () => {
    const other = await startServer((_hit, res) => send(res, 200, 'other'));
    const server = await startServer((hit, res) => {
      if (hit.url.pathname === '/same') send(res, 302, undefined, { location: '/landing' });
      else if (hit.url.pathname === '/away') send(res, 302, undefined, { location: `${other.url}/landing` });
      else send(res, 200, 'here');
    });
    const http = client(new RecordingLogger());
    await http.request(`${server.url}/same`, { headers: { authorization: 'Bearer T' } });
    expect(server.hits[1]!.headers['authorization']).toBe('Bearer T');
    await http.request(`${server.url}/away`, { headers: { authorization: 'Bearer T' } });
    expect(other.hits[0]!.headers['authorization']).toBeUndefined();
  });

  it('fails with PLY_NETWORK_ERROR after 20 redirects', async () => {
    const server = await startServer((hit, res) => send(res, 302, undefined, { location: `/hop${Number(hit.url.pathname.slice(4) || 0) + 1}` }));
    const error = await plyErrorOf(client(new RecordingLogger(), { retry: { retries: 0 } }).request(`${server.url}/hop0`));
    expect(error.code).toBe('PLY_NETWORK_ERROR');
    expect(error.message).toContain('ERR_TOO_MANY_REDIRECTS');
    expect(server.hits).toHaveLength(21);
  });

  it('decompresses a gzip body', async () => {
    const server = await startServer((hit, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync(JSON.stringify({ accepted: hit.headers['accept-encoding'] })));
    });
    const response = await client(new RecordingLogger()).request(server.url);
    expect(response.body).toEqual({ accepted: 'gzip, deflate, br' });
  });

  it('retries a body cut off half way, then fails with PLY_NETWORK_ERROR', async () => {
    const server = await startServer((_hit, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"half":');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const error = await plyErrorOf(client(new RecordingLogger(), { retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 } }).request(server.url));
    expect(error.code).toBe('PLY_NETWORK_ERROR');
    expect(error.details).toMatchObject({ attempts: 2 });
    expect(server.hits).toHaveLength(2);
  });
});

describe('NodeHttpClient: retries', () => {
  it('retries a 429 after Retry-After: 0 and succeeds on attempt 2', async () => {
    const server = await startServer((_hit, res, index) =>
      index === 0 ? send(res, 429, { message: 'slow down' }, { 'retry-after': '0' }) : send(res, 200, { ok: true }),
    );
    const logger = new RecordingLogger();
    const response = await client(logger).request(server.url);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true });
    expect(response.attempts).toBe(2);
    expect(server.hits).toHaveLength(2);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({
      level: 'warn',
      fields: { method: 'GET', url: `${server.url}/`, status: 429, attempt: 1, delayMs: 0 },
    });
  });

  it('honours a Retry-After HTTP-date, capped at maxDelayMs', async () => {
    const server = await startServer((_hit, res, index) =>
      index === 0
        ? send(res, 503, undefined, { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() })
        : send(res, 200, 'ok'),
    );
    const logger = new RecordingLogger();
    const response = await client(logger).request(server.url);
    expect(response.attempts).toBe(2);
    expect(logger.lines[0]?.fields['delayMs']).toBe(FAST_RETRY.maxDelayMs);
  });

  it('retries 503 twice, then succeeds', async () => {
    const server = await startServer((_hit, res, index) => (index < 2 ? send(res, 503, 'busy') : send(res, 200, { done: 1 })));
    const logger = new RecordingLogger();
    const response = await client(logger).request(server.url, { method: 'DELETE' });
    expect(response.attempts).toBe(3);
    expect(response.body).toEqual({ done: 1 });
    expect(server.hits.map((h) => h.method)).toEqual(['DELETE', 'DELETE', 'DELETE']);
    expect(logger.lines.map((l) => [l.level, l.fields['status'], l.fields['attempt']])).toEqual([
      ['warn', 503, 1],
      ['warn', 503, 2],
    ]);
    for (const line of logger.lines) {
      expect(line.fields['delayMs']).toBeGreaterThanOrEqual(0);
      expect(line.fields['delayMs']).toBeLessThanOrEqual(FAST_RETRY.maxDelayMs);
    }
  });

  it('throws PLY_VENDOR_HTTP_ERROR with status, vendor message and attempts when retries run out', async () => {
    const server = await startServer((_hit, res) => send(res, 502, { error: { message: 'upstream exploded' } }));
    const error = await plyErrorOf(client(new RecordingLogger(), { retry: { ...FAST_RETRY, retries: 2 } }).request(`${server.url}/v1/x`));
    expect(server.hits).toHaveLength(3);
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.message).toBe(`GET ${server.url}/v1/x answered HTTP 502: upstream exploded (3 attempts)`);
    expect(error.details).toEqual({
      status: 502,
      method: 'GET',
      url: `${server.url}/v1/x`,
      attempts: 3,
      vendorMessage: 'upstream exploded',
    });
  });

  it.each([
    [400, { message: 'field "x" is required' }, 'field "x" is required'],
    [401, { error: 'invalid_token' }, 'invalid_token'],
    [404, { detail: 'No such alert' }, 'No such alert'],
    [403, { errors: [{ message: 'forbidden scope' }] }, 'forbidden scope'],
    [422, 'plain text reason', 'plain text reason'],
  ])('does not retry HTTP %i and passes the vendor message through', async (status, body, expected) => {
    const server = await startServer((_hit, res) => send(res, status, body));
    const logger = new RecordingLogger();
    const error = await plyErrorOf(client(logger).request(`${server.url}/alerts/1`, { method: 'PATCH', json: { a: 1 } }));
    expect(server.hits).toHaveLength(1);
    expect(logger.lines).toHaveLength(0);
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.message).toBe(`PATCH ${server.url}/alerts/1 answered HTTP ${status}: ${expected} (1 attempt)`);
    expect(error.details).toMatchObject({ status, attempts: 1, vendorMessage: expected });
  });

  it('keeps only the first 200 characters of an unstructured error body', async () => {
    const server = await startServer((_hit, res) => send(res, 400, `<html>${'x'.repeat(500)}</html>`, { 'content-type': 'text/html' }));
    const error = await plyErrorOf(client(new RecordingLogger()).request(server.url));
    expect(error.details['vendorMessage']).toBe(`<html>${'x'.repeat(194)}`);
  });

  it('returns the final response when throwOnHttpError is false', async () => {
    const server = await startServer((_hit, res, index) =>
      index === 0 ? send(res, 500, 'oops') : send(res, 404, { message: 'missing' }),
    );
    const response = await client(new RecordingLogger()).request(server.url, { throwOnHttpError: false });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: 'missing' });
    expect(response.attempts).toBe(2);
  });

  it('does not retry when the request says retry: false', async () => {
    const server = await startServer((_hit, res) => send(res, 503, 'down'));
    const error = await plyErrorOf(client(new RecordingLogger()).request(server.url, { retry: false }));
    expect(server.hits).toHaveLength(1);
    expect(error.details).toMatchObject({ status: 503, attempts: 1 });
  });

  it('throws PLY_HTTP_TIMEOUT after per-attempt timeouts against a server that never answers', async () => {
    const server = await startServer(() => {
      // Never answers.
    });
    const logger = new RecordingLogger();
    const http = client(logger, { retry: { ...FAST_RETRY, retries: 1 } });
    const error = await plyErrorOf(http.request(`${server.url}/slow`, { timeoutMs: 100 }));
    expect(error.code).toBe('PLY_HTTP_TIMEOUT');
    expect(error.message).toBe(`GET ${server.url}/slow timed out after 100 ms (2 attempts)`);
    expect(error.details).toMatchObject({ attempts: 2, timeoutMs: 100 });
    expect(server.hits).toHaveLength(2);
    expect(logger.lines.map((l) => l.fields['error'])).toEqual(['timeout']);
  });

  it('throws PLY_HTTP_TIMEOUT when the body stops coming after the headers, instead of waiting for it', async () => {
    const server = await startServer((_hit, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"half":');
      // Then nothing: the deadline destroys the response while its body is being read.
    });
    const error = await plyErrorOf(client(new RecordingLogger()).request(`${server.url}/stalled`, { timeoutMs: 100, retry: false }));
    expect(error.code).toBe('PLY_HTTP_TIMEOUT');
    expect(error.message).toBe(`GET ${server.url}/stalled timed out after 100 ms (1 attempt)`);
    expect(server.hits).toHaveLength(1);
  });

  it('throws PLY_NETWORK_ERROR with the cause code when the connection is refused', async () => {
    const port = await deadPort();
    const logger = new RecordingLogger();
    const http = client(logger, { retry: { ...FAST_RETRY, retries: 2 } });
    const error = await plyErrorOf(http.request(`http://127.0.0.1:${port}/x`));
    expect(error.code).toBe('PLY_NETWORK_ERROR');
    expect(error.message).toBe(`GET http://127.0.0.1:${port}/x failed: network error ECONNREFUSED (3 attempts)`);
    expect(error.details).toMatchObject({ attempts: 3, code: 'ECONNREFUSED' });
    expect(logger.lines.map((l) => l.fields['error'])).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
  });

  it('stops waiting at once when the run signal aborts during backoff', async () => {
    const server = await startServer((_hit, res) => send(res, 503, 'later', { 'retry-after': '600' }));
    const controller = new AbortController();
    const logger = new RecordingLogger();
    // Aborts on the next turn of the event loop after the retry line: the client is then waiting out its backoff.
    logger.onLine = () => setImmediate(() => controller.abort(new Error('run cancelled')));
    const http = client(logger, { signal: controller.signal, retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 600_000 } });
    const started = performance.now();
    const error = await plyErrorOf(http.request(server.url));
    expect(error.code).toBe('PLY_ACTION_CANCELLED');
    expect(error.details).toMatchObject({ attempts: 1 });
    expect(logger.lines[0]?.fields['delayMs']).toBe(600_000);
    expect(server.hits).toHaveLength(1);
    // The wait was 10 minutes: finishing at all within the test timeout proves it was cut short.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('cancels a request in flight, and refuses to start once the run signal has aborted', async () => {
    const controller = new AbortController();
    // Aborts once the request has reached the server, and never answers it.
    const server = await startServer(() => controller.abort());
    const http = client(new RecordingLogger(), { signal: controller.signal });
    const inFlight = await plyErrorOf(http.request(server.url));
    expect(inFlight.code).toBe('PLY_ACTION_CANCELLED');
    expect(inFlight.details).toMatchObject({ attempts: 1 });
    const late = await plyErrorOf(http.request(server.url));
    expect(late.code).toBe('PLY_ACTION_CANCELLED');
    expect(late.details).toMatchObject({ attempts: 0 });
    expect(server.hits).toHaveLength(1);
  });
});

describe('NodeHttpClient: one client shared by runs (forRun)', () => {
  it('cancels only the request of the run whose signal aborted, and logs each run\'s retries through its own logger', async () => {
    const cancelled = new AbortController();
    // The first request of the path /a is answered 503 (a retry), /b waits for the abort and is never answered.
    const server = await startServer((hit, res, index) => {
      if (hit.url.pathname === '/b') cancelled.abort(new Error('run b cancelled'));
      else if (index === 0) send(res, 503, 'later', { 'retry-after': '0' });
      else send(res, 200, { ok: true });
    });
    const shared = client(new RecordingLogger());
    const linesA = new RecordingLogger();
    const runA = shared.forRun({ cancel: signalCancellation(new AbortController().signal), logger: () => linesA });
    const runB = shared.forRun({ cancel: signalCancellation(cancelled.signal), logger: () => new RecordingLogger() });
    const answer = await runA.request<{ ok: boolean }>(`${server.url}/a`);
    const error = await plyErrorOf(runB.request(`${server.url}/b`));
    expect(answer).toMatchObject({ status: 200, body: { ok: true }, attempts: 2 });
    expect(linesA.lines.map((line) => line.message)).toEqual(['HTTP request failed, retrying']);
    expect(error.code).toBe('PLY_ACTION_CANCELLED');
    // The shared client's own signal is untouched: another run's request still goes through.
    await expect(shared.forRun({ cancel: undefined, logger: () => new RecordingLogger() }).request(`${server.url}/a`)).resolves.toMatchObject({ status: 200 });
  });
});

describe('NodeHttpClient: retries respect idempotency', () => {
  it('sends a POST once when the vendor answers 5xx: it may have been done already', async () => {
    const server = await startServer((_hit, res) => send(res, 502, { message: 'bad gateway' }));
    const error = await plyErrorOf(client(new RecordingLogger(), { retry: { ...FAST_RETRY, retries: 3 } }).request(`${server.url}/tickets`, { method: 'POST', json: { title: 'x' } }));
    expect(error).toMatchObject({ code: 'PLY_VENDOR_HTTP_ERROR', details: { status: 502, attempts: 1 } });
    expect(server.hits).toHaveLength(1);
  });

  it('does not resend a POST whose answer timed out', async () => {
    const server = await startServer(() => {
      // Never answers: the vendor may still be processing it.
    });
    const error = await plyErrorOf(client(new RecordingLogger(), { retry: { ...FAST_RETRY, retries: 3 } }).request(`${server.url}/mail`, { method: 'POST', json: {}, timeoutMs: 100 }));
    expect(error).toMatchObject({ code: 'PLY_HTTP_TIMEOUT', details: { attempts: 1 } });
    expect(server.hits).toHaveLength(1);
  });

  it('retries a POST on 429, and a POST or PATCH marked idempotent on 5xx', async () => {
    const limited = await startServer((_hit, res, index) => (index === 0 ? send(res, 429, { message: 'slow down' }, { 'retry-after': '0' }) : send(res, 201, { id: 1 })));
    const created = await client(new RecordingLogger()).request(`${limited.url}/tickets`, { method: 'POST', json: {} });
    expect([created.status, created.attempts, limited.hits.length]).toEqual([201, 2, 2]);
    const flaky = await startServer((_hit, res, index) => (index === 0 ? send(res, 503, { message: 'down' }) : send(res, 200, { ok: true })));
    const patched = await client(new RecordingLogger()).request(`${flaky.url}/alerts/1`, { method: 'PATCH', json: { status: 'closed' }, idempotent: true });
    expect([patched.status, patched.attempts, flaky.hits.length]).toEqual([200, 2, 2]);
  });

  it('retries a POST whose connection was refused: nothing reached the vendor', async () => {
    const port = await deadPort();
    const logger = new RecordingLogger();
    const error = await plyErrorOf(client(logger, { retry: { ...FAST_RETRY, retries: 2 } }).request(`http://127.0.0.1:${port}/x`, { method: 'POST', json: {} }));
    expect(error).toMatchObject({ code: 'PLY_NETWORK_ERROR', details: { attempts: 3, code: 'ECONNREFUSED' } });
    expect(logger.lines).toHaveLength(2);
  });
});

describe('NodeHttpClient: TLS', () => {
  it('refuses a self-signed certificate by default, once and clearly; accepts it when told, or with its CA', async () => {
    const server = await startFakeServer(() => new Response(JSON.stringify({ ok: true }), { headers: { 'content-type': 'application/json' } }), { tls: 'self-signed' });
    try {
      const refused = await plyErrorOf(client(new RecordingLogger(), { retry: { ...FAST_RETRY, retries: 3 } }).request(server.url));
      expect(refused).toMatchObject({ code: 'PLY_NETWORK_ERROR', details: { attempts: 1 } });
      expect(refused.message).toMatch(/its TLS certificate is not trusted \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/);
      expect((await client(new RecordingLogger()).request(server.url, { tls: { verify: false } })).body).toEqual({ ok: true });
      expect((await client(new RecordingLogger()).request(server.url, { tls: { ca: SELF_SIGNED_CERT } })).body).toEqual({ ok: true });
    } finally {
      await server.close();
    }
  });
});

describe('NodeHttpClient: secrets', () => {
  it('never puts the query string in error messages, details or log lines', async () => {
    const server = await startServer((_hit, res) => send(res, 503, { message: 'unavailable' }));
    const logger = new RecordingLogger();
    const error = await plyErrorOf(
      client(logger, { retry: { ...FAST_RETRY, retries: 2 } }).request(`${server.url}/v2/lookup?api_key=SECRET`, {
        query: { token: 'SECRET2', q: 'x' },
        headers: { 'x-api-key': 'SECRET3' },
        json: { password: 'SECRET4' },
        method: 'POST',
        idempotent: true,
      }),
    );
    expect(server.hits[0]!.url.searchParams.get('api_key')).toBe('SECRET');
    expect(logger.lines).toHaveLength(2);
    const visible = JSON.stringify([error.message, error.details, logger.lines]);
    expect(visible).not.toContain('SECRET');
    expect(visible).not.toContain('api_key');
    expect(error.message).toContain(`${server.url}/v2/lookup`);
  });

  it('drops user-info from URLs in errors', async () => {
    const port = await deadPort();
    const error = await plyErrorOf(
      client(new RecordingLogger(), { retry: { retries: 0 } }).request(`http://user:SECRET@127.0.0.1:${port}/x`),
    );
    expect(error.code).toBe('PLY_NETWORK_ERROR');
    expect(error.message).not.toContain('SECRET');
    expect(error.message).not.toContain('user');
  });

  it('does not echo a query string from an unparseable URL', async () => {
    const error = await plyErrorOf(client(new RecordingLogger()).request('not a url?api_key=SECRET'));
    expect(error.code).toBe('PLY_INVALID_INPUT');
    expect(error.message).not.toContain('SECRET');
  });
});

describe('NodeHttpClient: rate limiting', () => {
  it('admits concurrent requests FIFO, at most maxRequests per window', async () => {
    // The limiter's clock is faked (its timers and performance.now); the requests are real. A
    // window passes only when the test says so, so "at most 2 per window" needs no timing margin.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      // Told when the n-th request arrives (vi.waitFor would move the fake clock on).
      const arrivals = new Map<number, () => void>();
      const server = await startServer((_hit, res, index) => {
        send(res, 200, 'ok');
        arrivals.get(index + 1)?.();
      });
      const arrivedCount = (count: number) => new Promise<void>((resolve) => (server.hits.length >= count ? resolve() : arrivals.set(count, resolve)));
      const perMs = 300;
      const rateLimiter = new RateLimiter({ maxRequests: 2, perMs });
      const http = client(new RecordingLogger(), { rateLimiter });
      const start = performance.now();
      const all = Promise.all([0, 1, 2, 3, 4].map((i) => http.request(server.url, { query: { i } })));
      const arrived = () => server.hits.map((hit) => Number(hit.url.searchParams.get('i')));
      const windows: number[][] = [];
      for (const expected of [2, 4, 5]) {
        await arrivedCount(expected);
        windows.push(arrived().slice(windows.flat().length));
        // Nothing more arrives until the window has passed.
        if (expected < 5) {
          await vi.advanceTimersByTimeAsync(perMs - 1);
          expect(server.hits).toHaveLength(expected);
          await vi.advanceTimersByTimeAsync(1);
        }
      }
      await all;
      // FIFO: requests 0-1 are admitted in the first window, 2-3 in the second, 4 in the third,
      // each arriving (on the fake clock, which moved only between windows) within its window.
      expect(windows.map((window) => [...window].sort())).toEqual([[0, 1], [2, 3], [4]]);
      const windowOf = [...server.hits].sort((a, b) => Number(a.url.searchParams.get('i')) - Number(b.url.searchParams.get('i'))).map((hit) => Math.floor((hit.at - start) / perMs));
      expect(windowOf).toEqual([0, 0, 1, 1, 2]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('acquires the limiter before every attempt, retries included', async () => {
    const server = await startServer((_hit, res, index) => (index === 0 ? send(res, 503, 'x', { 'retry-after': '0' }) : send(res, 200, 'ok')));
    class CountingLimiter extends RateLimiter {
      acquired = 0;
      override acquire(signal?: AbortSignal): Promise<void> {
        this.acquired += 1;
        return super.acquire(signal);
      }
    }
    const rateLimiter = new CountingLimiter({ maxRequests: 1, perMs: 50 });
    const http = client(new RecordingLogger(), { rateLimiter });
    const response = await http.request(server.url);
    expect(response.attempts).toBe(2);
    expect(rateLimiter.acquired).toBe(2);
  });
});
