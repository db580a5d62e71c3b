import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import type { RequestOptions as HttpsRequestOptions } from 'node:https';
import { PassThrough, type Readable } from 'node:stream';
import type { ConnectionPolicy, UrlParts } from '../contracts/http.js';
import type { Cancellation } from './cancellation.js';
import { guardConnection } from './connection-guard.js';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** Request headers, names in lower case. */
export type OutgoingHeaders = Record<string, string>;

/**
 * Request headers as a plain object with lower-case names. Names and values are checked once, by
 * node:http as it makes the request (a CR or LF in a value throws before anything is sent, with
 * one of {@link INVALID_HEADER_CODES}); checking them here as well cost every request a second pass.
 */
export function outgoingHeaders(headers: Record<string, string> | undefined): OutgoingHeaders {
  const out: OutgoingHeaders = {};
  if (headers === undefined) return out;
  for (const name of Object.keys(headers)) {
    const value: unknown = headers[name];
    // node:http would send a number as its text; anything else is refused here (undefined included, which String() would send as "undefined").
    if (typeof value !== 'string' && typeof value !== 'number') throw Object.assign(new TypeError(`invalid value for header "${name}"`), { code: 'ERR_HTTP_INVALID_HEADER_VALUE' });
    out[name.toLowerCase()] = String(value);
  }
  return out;
}

/** The codes node:http throws with for a header name or value it refuses, before anything is sent. */
export const INVALID_HEADER_CODES: ReadonlySet<unknown> = new Set(['ERR_INVALID_HTTP_TOKEN', 'ERR_INVALID_CHAR', 'ERR_HTTP_INVALID_HEADER_VALUE']);

/** One request as the HTTP client sends it (after templating, query building and checks). */
export interface TransportRequest {
  method: string;
  url: UrlParts;
  headers: OutgoingHeaders;
  body: string | Uint8Array | undefined;
  /** Bounds the request, the redirects it follows and the reading of the body. */
  timeoutMs: number;
  /** Cancelling it ends the request at once (with its reason). */
  cancel?: Cancellation | undefined;
  /** TLS of https requests (see {@link HttpRequestOptions.tls}). */
  tls?: { verify?: boolean; ca?: string } | undefined;
  /** Judges every address connected to, redirects included (see {@link ConnectionPolicy}). */
  policy?: ConnectionPolicy | undefined;
}

/** The `code` of the error a request ends with when its `timeoutMs` runs out. */
export const TRANSPORT_TIMEOUT = 'PLY_TRANSPORT_TIMEOUT';

/** A response whose body has not been read yet: read it once with `text()` or `bytes()`, or `discard()` it. */
export interface TransportResponse {
  status: number;
  /** The reason phrase (`OK`). */
  statusText: string;
  ok: boolean;
  /** All the response headers (made on first read). */
  readonly headers: Headers;
  /** One response header (several values joined with ", "), without making {@link headers}. */
  header(name: string): string | undefined;
  /** The URL that answered, after redirects. */
  url: string;
  text(): Promise<string>;
  bytes(): Promise<Buffer>;
  /** The body, decompressed, as a stream; the deadline ends when it ends, fails or is destroyed. */
  stream(): Readable;
  discard(): void;
}

/** The encodings a response may come in (decoded by {@link decoded}). */
export const ACCEPT_ENCODING = 'gzip, deflate, br';
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
export function sendRequest(request: TransportRequest): Promise<TransportResponse> {
  const deadline = new Deadline(request.timeoutMs, request.cancel);
  // Promise chains rather than async functions: each layer of async function costs the request a promise and a microtask turn more.
  try {
    return follow(request, request.method, request.url, request.headers, request.body, deadline, 0).catch((error: unknown) => {
      throw deadline.failed(error);
    });
  } catch (error) {
    // Thrown before anything was sent (a host the connection policy denies).
    return Promise.reject(deadline.failed(error));
  }
}

/**
 * One timer and one abort listener for a whole request, redirects and body included: cheaper
 * than AbortSignal.timeout + AbortSignal.any + a signal on every http.request (those took about
 * 7% of a webhook playbook run's CPU time in a profile). On expiry or abort it destroys the
 * request in flight.
 */
class Deadline {
  reason: Error | undefined;
  #request: ClientRequest | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #stopListening: (() => void) | undefined;

  constructor(timeoutMs: number, cancel: Cancellation | undefined) {
    this.#timer = setTimeout(() => this.#fail(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: TRANSPORT_TIMEOUT })), timeoutMs);
    if (cancel?.aborted) this.reason = abortError(cancel.reason);
    else this.#stopListening = cancel?.onAbort(() => this.#fail(abortError(cancel.reason)));
  }

  attach(request: ClientRequest): void {
    this.#request = request;
    if (this.reason) request.destroy(this.reason);
  }

  end(): void {
    clearTimeout(this.#timer);
    this.#stopListening?.();
  }

  /** Ends the deadline for a request that failed with `error`; what it failed with: the deadline's or the run's reason when one cut it. */
  failed(error: unknown): unknown {
    this.end();
    return this.reason ?? error;
  }

  #fail(reason: Error): void {
    this.reason ??= reason;
    this.#request?.destroy(reason);
  }
}

function abortError(reason: unknown): Error {
  return Object.assign(new Error('the request was aborted', { cause: reason }), { name: 'AbortError', code: 'ABORT_ERR' });
}

function follow(request: TransportRequest, method: string, url: UrlParts, headers: OutgoingHeaders, body: TransportRequest['body'], deadline: Deadline, redirects: number): Promise<TransportResponse> {
  return exchange(method, url, headers, body, deadline, request.tls, request.policy).then((response) => {
    // The status first: node:http makes a message's `headers` object on first read, and most answers need none of it.
    const location = REDIRECT_STATUSES.has(response.statusCode ?? 0) ? response.headers.location : undefined;
    if (location === undefined) return new NodeTransportResponse(response, url.href, deadline);
    response.resume();
    if (redirects === MAX_REDIRECTS) throw Object.assign(new Error(`more than ${MAX_REDIRECTS} redirects`), { code: 'ERR_TOO_MANY_REDIRECTS' });
    const next = new URL(location, url.href);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw Object.assign(new Error(`redirect to a ${next.protocol} URL`), { code: 'ERR_REDIRECT_PROTOCOL' });
    // Copied before the first change: the caller's headers serve its retries too.
    const nextHeaders = headers === request.headers ? { ...headers } : headers;
    if (next.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) delete nextHeaders[name];
    const status = response.statusCode;
    let nextMethod = method;
    let nextBody = body;
    if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
      nextMethod = 'GET';
      nextBody = undefined;
      for (const name of BODY_HEADERS) delete nextHeaders[name];
    }
    return follow(request, nextMethod, next, nextHeaders, nextBody, deadline, redirects + 1);
  });
}

/** node:http's request for an http URL; node:https's (loaded on first use) for an https one. */
export function requestFunction(url: UrlParts): RequestFunction {
  if (url.protocol === 'http:') return httpRequest;
  return (httpsRequest ??= process.getBuiltinModule('node:https').request);
}

// Not an async function: returning a promise from one costs the request two more microtask turns.
function exchange(
  method: string,
  url: UrlParts,
  headers: OutgoingHeaders,
  body: string | Uint8Array | undefined,
  deadline: Deadline,
  tls: TransportRequest['tls'],
  policy: ConnectionPolicy | undefined,
): Promise<IncomingMessage> {
  const send = requestFunction(url);
  // The headers as they are when they already ask for compression and there is no body (a copy per request otherwise).
  const outgoing: Record<string, string | number> = body === undefined && headers['accept-encoding'] !== undefined ? headers : { 'accept-encoding': ACCEPT_ENCODING, ...headers };
  if (body !== undefined) outgoing['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  const options: RequestOptions & HttpsRequestOptions = { ...targetOf(url), method, headers: outgoing };
  if (tls && url.protocol === 'https:') {
    if (tls.verify === false) options.rejectUnauthorized = false;
    if (tls.ca !== undefined) options.ca = tls.ca;
  }
  // Only a client with a policy pays for it: its own agent and a guarded lookup.
  if (policy) guardConnection(url, options, policy);
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = send(options, resolve);
    req.on('error', reject);
    deadline.attach(req);
    req.end(body);
  });
}

/**
 * What node:http takes from a URL, as its `urlToHttpOptions` gives it (brackets off an IPv6
 * host, the path with its query, user-info as `auth`), made from the parts it reads: that
 * function copies every property of the URL and costs a request 2.1 µs, this 0.1.
 */
export function targetOf(url: UrlParts): RequestOptions {
  const hostname = url.hostname;
  const target: RequestOptions = { protocol: url.protocol, hostname: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname, path: `${url.pathname}${url.search}` };
  if (url.port !== '') target.port = Number(url.port);
  if (url.username !== '' || url.password !== '') target.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return target;
}

/**
 * A response over node:http's message. A class, so that its methods and its `headers` getter
 * live once on the prototype: as an object literal, each response made seven closures and an
 * accessor pair of its own, kept alive across the wait for the body.
 */
class NodeTransportResponse implements TransportResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  #headers: Headers | undefined;

  constructor(
    private readonly response: IncomingMessage,
    readonly url: string,
    private readonly deadline: Deadline,
  ) {
    this.status = response.statusCode ?? 0;
    this.statusText = response.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status < 300;
  }

  get headers(): Headers {
    if (this.#headers === undefined) {
      const headers = new Headers();
      const raw = this.response.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
      this.#headers = headers;
    }
    return this.#headers;
  }

  header(name: string): string | undefined {
    const value = this.response.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  // Not async functions: each layer of async function a body goes through costs the request a
  // promise and a microtask turn more.
  text(): Promise<string> {
    return readBytes(this.response, true, this.deadline) as Promise<string>;
  }

  bytes(): Promise<Buffer> {
    return readBytes(this.response, false, this.deadline) as Promise<Buffer>;
  }

  stream(): Readable {
    const deadline = this.deadline;
    const source = decoded(this.response);
    const body = new PassThrough();
    // A body cut by the deadline or the run's signal fails with that reason, not ECONNRESET.
    source.on('error', (error) => body.destroy(deadline.reason ?? error));
    body.once('close', () => {
      deadline.end();
      source.destroy();
    });
    source.pipe(body);
    return body;
  }

  discard(): void {
    this.deadline.end();
    this.response.destroy();
  }
}

/** A header of `response` (several joined with ", ", as node:http does) read from its raw list, without making its `headers` object. */
function rawHeader(response: IncomingMessage, name: string): string | undefined {
  const raw = response.rawHeaders;
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length === name.length && raw[i]!.toLowerCase() === name) value = value === undefined ? raw[i + 1] : `${value}, ${raw[i + 1]}`;
  }
  return value;
}

/** The body decompressed as `content-encoding` says. */
function decoded(response: IncomingMessage): Readable {
  const encoding = (rawHeader(response, 'content-encoding') ?? '').trim().toLowerCase();
  let stream: Readable = response;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = response.pipe(createGunzip());
  else if (encoding === 'deflate') stream = response.pipe(createInflate());
  else if (encoding === 'br') stream = response.pipe(createBrotliDecompress());
  if (stream !== response) {
    response.on('error', (error) => stream.destroy(error));
    stream.once('close', () => response.destroy());
  }
  return stream;
}

/**
 * The body's bytes (or its UTF-8 text), decompressed as `content-encoding` says; the request's
 * deadline ends with it, and a body cut by the deadline or the run's signal fails with that reason.
 */
function readBytes(response: IncomingMessage, asText: boolean, deadline: Deadline): Promise<Buffer | string> {
  const stream = decoded(response);
  // Events rather than `for await`: the async iterator costs a promise per chunk, and most
  // answers are one or two chunks (9.0 -> 5.4 µs for a 200-byte body).
  return new Promise<Buffer | string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    // `on` rather than `once`: each `once` wraps its listener and removes it when called, and
    // the message is dropped after its body anyway (a promise settles once).
    stream.on('end', () => {
      deadline.end();
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      resolve(asText ? body.toString('utf8') : body);
    });
    stream.on('error', (error) => reject(deadline.failed(error)));
    // A destroyed response (deadline, abort) may end with 'close' and no 'error'.
    stream.on('close', () => {
      if (!stream.readableEnded) reject(deadline.failed(Object.assign(new Error('the response ended before its body was read'), { code: 'ECONNRESET' })));
    });
  });
}
