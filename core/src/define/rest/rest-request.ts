import type { Readable } from 'node:stream';
import type { ActionContext } from '../../contracts/context.js';
import type { HttpRequestOptions, HttpResponse, QueryValue, UrlParts } from '../../contracts/http.js';
import type { ModuleHttp, OutgoingRequest } from '../../contracts/rest.js';
import { PlyError } from '../../errors/ply-error.js';
import { KnownUrl, appendQuery, isKnownPath, queryString } from '../../http/request-url.js';
import type { RequestAuth } from './request-auth.js';
import type { RequestRate } from './request-rate.js';
import { vendorFailure } from './vendor-failure.js';

/** The module a REST call belongs to: its name (for messages), its HTTP declaration, its auth and its request rate. */
export interface RestModule<Config> {
  name: string;
  http: ModuleHttp<Config> | undefined;
  auth: RequestAuth<Config>;
  rate: RequestRate<Config>;
}

/** One call, ready to send: the URL is complete, the arguments placed. */
export interface RestCall {
  method: NonNullable<HttpRequestOptions['method']>;
  url: UrlParts;
  headers: Record<string, string>;
  body: { json: unknown } | { form: URLSearchParams } | undefined;
  idempotent?: boolean | undefined;
  timeoutMs?: number | undefined;
  /** What a 404 means, for the message (`user jdoe`). */
  notFound: string;
  acceptStatus?: readonly number[] | undefined;
  /** Sent instead of the module's auth (a delegated token for this one call). */
  authorization?: string | undefined;
  /** `bytes`: a successful answer's body is returned as a `Uint8Array` (a file), not parsed. */
  responseType?: 'json' | 'bytes' | undefined;
}

/** A vendor's answer, its body parsed as JSON (undefined when empty); its headers are `response.headers` (built when read, 1.8 µs). */
export interface RestAnswer {
  status: number;
  body: unknown;
  url: UrlParts;
  response: HttpResponse<unknown>;
}

/** The last base URL parsed (its parts copied once): an action's runs nearly always share one account (3.9 -> 2.8 µs a call). */
let lastBase: { text: string; url: URL; prefix: string | undefined; parts: UrlParts } | undefined;

/**
 * A path that, appended to its base's href, names what `new URL(path, base)` resolves it to: no
 * scheme or authority of its own (`x:`, `/`, `\`), no query or fragment, and nothing the parser
 * trims or drops (whitespace and control characters).
 */
const PLAIN_PATH = /^(?![/\\])[^:/?#\s\p{Cc}]*(?:\/[^?#\s\p{Cc}]*)?$/u;

/**
 * The action's URL: its path under the module's base URL (with a trailing slash, as `urljoin`
 * wants it). A plain path is appended to the base's href: parsed once (against a base URL
 * object, `new URL` serialises the base and parses both: 3.5 µs a call, against 0.6), or not at
 * all when the parser would keep it as it is (a {@link KnownUrl}, most declared paths).
 */
export function endpointUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): UrlParts {
  if (lastBase?.text !== baseUrl) {
    let url: URL;
    try {
      url = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    } catch {
      throw new PlyError('PLY_CONFIGURATION_INVALID', `the module's base URL is not a URL: ${baseUrl.split(/[?#]/, 1)[0]}`);
    }
    const { href, origin, protocol, host, hostname, port, pathname, search, username, password } = url;
    lastBase = { text: baseUrl, url, prefix: search === '' && url.hash === '' && href.endsWith('/') ? href : undefined, parts: { href, origin, protocol, host, hostname, port, pathname, search, username, password } };
  }
  const relative = path.replace(/^\//, '');
  if (lastBase.prefix === undefined || !PLAIN_PATH.test(relative)) return appendQuery(new URL(relative, lastBase.url), query);
  // URLSearchParams' encoding: nothing in it that the parser changes.
  const search = queryString(query);
  if (isKnownPath(relative)) return new KnownUrl(lastBase.parts, relative, search);
  return new URL(search === '' ? `${lastBase.prefix}${relative}` : `${lastBase.prefix}${relative}?${search}`);
}

function parseJson(text: string, url: UrlParts, status: number): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `${url.origin}${url.pathname} answered HTTP ${status} with a body that is not JSON`, { details: { status, url: `${url.origin}${url.pathname}` } });
  }
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function lowerCased(headers: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/**
 * Sends one call of a REST module: its headers, its auth (an OAuth token refused with 401 is
 * fetched again once), its TLS, its request rate (`http.rateLimit`), through the run's HTTP client (timeouts, retries that respect
 * idempotency, rate limit, redaction); a refusal becomes a clear `PLY_VENDOR_HTTP_ERROR`.
 */
export function sendRestCall<Config>(module: RestModule<Config>, http: ModuleHttp<Config>, ctx: ActionContext<Config>, call: RestCall): Promise<RestAnswer> {
  return new RestExchange(module, http, ctx, call).send(false);
}

/**
 * One call's way through auth, rate and client. Promise chains rather than async functions, and
 * the auth and the rate awaited only when they must wait (most set a header at once): on the
 * path of every declared action, each layer of async function costs a promise and a microtask
 * turn more.
 */
class RestExchange<Config> {
  constructor(
    private readonly module: RestModule<Config>,
    private readonly http: ModuleHttp<Config>,
    private readonly ctx: ActionContext<Config>,
    private readonly call: RestCall,
  ) {}

  send(refreshed: boolean): Promise<RestAnswer> {
    const { module, http, ctx, call } = this;
    let request: Outgoing;
    let authorised: void | Promise<void> = undefined;
    try {
      const moduleHeaders = typeof http.headers === 'function' ? http.headers(ctx.config) : http.headers;
      request = new Outgoing(call.method, call.url, { accept: 'application/json', ...lowerCased(moduleHeaders), ...call.headers });
      if (call.authorization !== undefined) request.headers['authorization'] = call.authorization;
      else authorised = module.auth.apply(request, ctx);
    } catch (error) {
      return Promise.reject(error);
    }
    if (authorised === undefined) return this.#paced(request, refreshed);
    return Promise.resolve(authorised).then(() => this.#paced(request, refreshed));
  }

  #paced(request: Outgoing, refreshed: boolean): Promise<RestAnswer> {
    const { call, http, ctx } = this;
    const options: HttpRequestOptions = { method: request.method, headers: request.headers, throwOnHttpError: false, responseType: call.responseType === 'bytes' ? 'stream' : 'text' };
    if (call.body && 'json' in call.body) options.json = call.body.json;
    if (call.body && 'form' in call.body) {
      options.body = call.body.form.toString();
      request.headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    if (call.idempotent) options.idempotent = true;
    let paced: void | Promise<void>;
    try {
      const tls = http.tls?.(ctx.config);
      if (tls) options.tls = tls;
      paced = this.module.rate.acquire(ctx);
    } catch (error) {
      return Promise.reject(error);
    }
    if (call.timeoutMs) options.timeoutMs = call.timeoutMs;
    const sent = (): Promise<RestAnswer> => {
      const url = request.target;
      return ctx.http.request<string | Readable>(url, options).then((response) => this.#answered(url, response, refreshed));
    };
    return paced === undefined ? sent() : Promise.resolve(paced).then(sent);
  }

  #answered(url: UrlParts, response: HttpResponse<string | Readable>, refreshed: boolean): RestAnswer | Promise<RestAnswer> {
    // A file is read whole (the run's deadline still bounds it); an error body is read as text.
    if (typeof response.body === 'string' || response.body === undefined) return this.#answer(url, response, response.body ?? '', refreshed);
    return bytesOf(response.body).then((raw) => this.#answer(url, response, raw, refreshed));
  }

  #answer(url: UrlParts, response: HttpResponse<unknown>, raw: string | Buffer, refreshed: boolean): RestAnswer | Promise<RestAnswer> {
    const { module, http, ctx, call } = this;
    const status = response.status;
    // A downloaded file is returned as it came: decoded as text only for a JSON answer or an error.
    if (status >= 200 && status < 300 && call.responseType === 'bytes') return { status, body: raw, url, response };
    const text = typeof raw === 'string' ? raw : raw.toString('utf8');
    if (status >= 200 && status < 300) return { status, body: parseJson(text, url, status), url, response };
    if (call.acceptStatus?.includes(status)) return { status, body: parseJson(text, url, status) ?? {}, url, response };
    // As Sekoia's GenericAPIAction: a DELETE whose answer was lost and that then finds nothing to delete did its work.
    if (call.method === 'DELETE' && status === 404 && response.attempts > 1) return { status, body: {}, url, response };
    // A refused OAuth token (revoked, rotated): fetch a new one once.
    if (status === 401 && call.authorization === undefined && module.auth.refreshable && !refreshed) {
      module.auth.invalidate(ctx);
      return this.send(true);
    }
    throw vendorFailure({
      module: module.name,
      method: call.method,
      url: `${url.origin}${url.pathname}`,
      status,
      attempts: response.attempts,
      text,
      notFound: call.notFound,
      errorMessage: http.errorMessage,
    });
  }
}

/**
 * The request an auth scheme sees. Its `url` is made when the scheme first reads it (a key in
 * the query, a custom hook): a copy, since the caller may reuse its own (a page request, a retry
 * after a refused token); schemes that only set a header never pay for parsing one.
 */
class Outgoing implements OutgoingRequest {
  #url: URL | undefined;

  constructor(
    readonly method: OutgoingRequest['method'],
    private readonly given: UrlParts,
    readonly headers: Record<string, string>,
  ) {}

  get url(): URL {
    return (this.#url ??= new URL(this.given.href));
  }

  set url(url: URL) {
    this.#url = url;
  }

  /** Where to send it: the URL as the scheme left it, or the one given. */
  get target(): UrlParts {
    return this.#url ?? this.given;
  }
}
