import type { Readable } from 'node:stream';
import type { ActionContext } from '../../contracts/context.js';
import type { HttpRequestOptions, HttpResponse, QueryValue } from '../../contracts/http.js';
import type { ModuleHttp, OutgoingRequest } from '../../contracts/rest.js';
import { PlyError } from '../../errors/ply-error.js';
import { appendQuery, queryString } from '../../http/request-url.js';
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
  url: URL;
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
  url: URL;
  response: HttpResponse<unknown>;
}

/** The last base URL parsed: an action's runs nearly always share one account (3.9 -> 2.8 µs a call). */
let lastBase: { text: string; url: URL } | undefined;

/** The action's URL: its path under the module's base URL (with a trailing slash, as `urljoin` wants it). */
export function endpointUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): URL {
  if (lastBase?.text !== baseUrl) {
    try {
      lastBase = { text: baseUrl, url: new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`) };
    } catch {
      throw new PlyError('PLY_CONFIGURATION_INVALID', `the module's base URL is not a URL: ${baseUrl.split(/[?#]/, 1)[0]}`);
    }
  }
  const relative = path.replace(/^\//, '');
  // One parse for a path without a query of its own: setting `search` afterwards parses it again.
  if (query === undefined || /[?#]/.test(relative)) return appendQuery(new URL(relative, lastBase.url), query);
  const search = queryString(query);
  return new URL(search === '' ? relative : `${relative}?${search}`, lastBase.url);
}

function parseJson(text: string, url: URL, status: number): unknown {
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
export async function sendRestCall<Config>(module: RestModule<Config>, http: ModuleHttp<Config>, ctx: ActionContext<Config>, call: RestCall): Promise<RestAnswer> {
  for (let refreshed = false; ; refreshed = true) {
    const moduleHeaders = typeof http.headers === 'function' ? http.headers(ctx.config) : http.headers;
    // A copy only for a scheme that writes to the URL: the caller may reuse its URL (a page
    // request, a retry after a refused token), and parsing it again costs a few µs a call.
    const request: OutgoingRequest = { method: call.method, url: module.auth.changesUrl ? new URL(call.url) : call.url, headers: { accept: 'application/json', ...lowerCased(moduleHeaders), ...call.headers } };
    if (call.authorization !== undefined) request.headers['authorization'] = call.authorization;
    else {
      // Awaited only when the scheme must wait: most set a header at once (an await is a turn of the microtask queue).
      const applied = module.auth.apply(request, ctx);
      if (applied !== undefined) await applied;
    }
    const options: HttpRequestOptions = { method: request.method, headers: request.headers, throwOnHttpError: false, responseType: call.responseType === 'bytes' ? 'stream' : 'text' };
    if (call.body && 'json' in call.body) options.json = call.body.json;
    if (call.body && 'form' in call.body) {
      options.body = call.body.form.toString();
      request.headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    if (call.idempotent) options.idempotent = true;
    const tls = http.tls?.(ctx.config);
    if (tls) options.tls = tls;
    if (call.timeoutMs) options.timeoutMs = call.timeoutMs;
    const paced = module.rate.acquire(ctx);
    if (paced !== undefined) await paced;
    const response = await ctx.http.request<string | Readable>(request.url, options);
    // A file is read whole (the run's deadline still bounds it); an error body is read as text.
    const raw = typeof response.body === 'string' || response.body === undefined ? (response.body ?? '') : await bytesOf(response.body);
    const text = typeof raw === 'string' ? raw : raw.toString('utf8');
    if (response.status >= 200 && response.status < 300 && call.responseType === 'bytes') return { status: response.status, body: raw, url: request.url, response };
    if (response.status >= 200 && response.status < 300) return { status: response.status, body: parseJson(text, request.url, response.status), url: request.url, response };
    if (call.acceptStatus?.includes(response.status)) return { status: response.status, body: parseJson(text, request.url, response.status) ?? {}, url: request.url, response };
    // As Sekoia's GenericAPIAction: a DELETE whose answer was lost and that then finds nothing to delete did its work.
    if (call.method === 'DELETE' && response.status === 404 && response.attempts > 1) return { status: response.status, body: {}, url: request.url, response };
    // A refused OAuth token (revoked, rotated): fetch a new one once.
    if (response.status === 401 && call.authorization === undefined && module.auth.refreshable && !refreshed) {
      module.auth.invalidate(ctx);
      continue;
    }
    throw vendorFailure({
      module: module.name,
      method: call.method,
      url: `${request.url.origin}${request.url.pathname}`,
      status: response.status,
      attempts: response.attempts,
      text,
      notFound: call.notFound,
      errorMessage: http.errorMessage,
    });
  }
}
