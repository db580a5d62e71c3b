import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type RequestOptions } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** One request as the HTTP client sends it (after templating, query building and checks). */
export interface TransportRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | Uint8Array | undefined;
  /** Aborts the request, the redirects it follows and the reading of the body. */
  signal: AbortSignal;
}

/** A response whose body has not been read yet: read it once with `text()`, or `discard()` it. */
export interface TransportResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  /** The URL that answered, after redirects. */
  url: string;
  text(): Promise<string>;
  discard(): void;
}

/** As many redirects as fetch follows. */
const MAX_REDIRECTS = 20;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers a redirect to another origin must not carry (as fetch does). */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
/** Headers describing a body that a redirect turned into a GET leaves behind. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

type RequestFunction = typeof httpRequest;
let httpsRequest: RequestFunction | undefined;

/**
 * Sends one request over node:http(s) and follows redirects the way fetch does (`redirect:
 * 'follow'`). Plain node:http, not fetch: fetch's WebAssembly parser and WHATWG streams cost a
 * resident process about 17 MiB and each request measurable time, for nothing the client needs.
 * Errors are Node's (`code` set: `ECONNREFUSED`, `ECONNRESET`, ...) or an AbortError.
 */
export async function sendRequest(request: TransportRequest): Promise<TransportResponse> {
  let { method, url, body } = request;
  const headers = new Headers(request.headers);
  for (let redirects = 0; ; redirects += 1) {
    const response = await exchange(method, url, headers, body, request.signal);
    const location = response.headers.location;
    if (!REDIRECT_STATUSES.has(response.statusCode ?? 0) || location === undefined) return wrap(response, url);
    response.resume();
    if (redirects === MAX_REDIRECTS) throw Object.assign(new Error(`more than ${MAX_REDIRECTS} redirects`), { code: 'ERR_TOO_MANY_REDIRECTS' });
    const next = new URL(location, url);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw Object.assign(new Error(`redirect to a ${next.protocol} URL`), { code: 'ERR_REDIRECT_PROTOCOL' });
    if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
    const status = response.statusCode;
    if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      for (const name of BODY_HEADERS) headers.delete(name);
    }
    url = next;
  }
}

async function requestFunction(url: URL): Promise<RequestFunction> {
  if (url.protocol === 'http:') return httpRequest;
  httpsRequest ??= (await import('node:https')).request;
  return httpsRequest;
}

async function exchange(method: string, url: URL, headers: Headers, body: string | Uint8Array | undefined, signal: AbortSignal): Promise<IncomingMessage> {
  const send = await requestFunction(url);
  const outgoing: OutgoingHttpHeaders = {};
  headers.forEach((value, name) => (outgoing[name] = value));
  outgoing['accept-encoding'] ??= 'gzip, deflate, br';
  if (body !== undefined) outgoing['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  const options: RequestOptions = { method, headers: outgoing, signal };
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = send(url, options, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

function wrap(response: IncomingMessage, url: URL): TransportResponse {
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const status = response.statusCode ?? 0;
  return {
    status,
    ok: status >= 200 && status < 300,
    headers,
    url: url.href,
    text: () => readText(response),
    discard: () => {
      response.destroy();
    },
  };
}

/** The body as text, decompressed as `content-encoding` says. */
async function readText(response: IncomingMessage): Promise<string> {
  const encoding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  let stream: Readable = response;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = response.pipe(createGunzip());
  else if (encoding === 'deflate') stream = response.pipe(createInflate());
  else if (encoding === 'br') stream = response.pipe(createBrotliDecompress());
  if (stream !== response) response.on('error', (error) => stream.destroy(error));
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
