import type { ActionContext } from '../../contracts/context.js';
import type { HttpRequestOptions, QueryValue } from '../../contracts/http.js';
import type { ModuleHttp, OutgoingRequest } from '../../contracts/rest.js';
import { PlyError } from '../../errors/ply-error.js';
import { buildRequestUrl } from '../../http/request-url.js';
import type { RequestAuth } from './request-auth.js';
import type { RequestRate } from './request-rate.js';
import { vendorFailure } from './vendor-failure.js';

/** The module a REST call belongs to: its name (for messages) and its HTTP declaration. */
export interface RestModule<Config> {
  name: string;
  http: ModuleHttp<Config> | undefined;
  auth: RequestAuth<Config>;
  rate: RequestRate<Config>;
}

/**
 * One request of a hand-written run under the module's `http` (base URL, auth, headers, rate, TLS,
 * error reading): `module.request(ctx, { method: 'POST', path: 'jobs', json })`. For calls that
 * are not one REST declaration: submit then poll, downloads, several calls per run.
 */
export interface ModuleRequest {
  method?: NonNullable<HttpRequestOptions['method']>;
  /** Relative to the module's base URL (a leading `/` is ignored), or an absolute http(s) URL. */
  path: string;
  query?: Record<string, QueryValue>;
  json?: unknown;
  /** Sent as `application/x-www-form-urlencoded`. */
  form?: URLSearchParams;
  /** Extra headers; they win over the module's headers and its auth (a call that authenticates differently). */
  headers?: Record<string, string>;
  /** A POST or PATCH safe to repeat (retried on 5xx like a GET). */
  idempotent?: boolean;
  timeoutMs?: number;
  /** An answer with this status is returned, not thrown. */
  acceptStatus?: readonly number[];
  /** What a 404 means, for the message (`agent 42`); default: the method and path. */
  notFound?: string;
  /** `json` (default; an empty body gives `undefined`) or `bytes` (a file). */
  responseType?: 'json' | 'bytes';
}

/** The answer of a {@link ModuleRequest}. */
export interface ModuleResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  url: URL;
}

/** The action's URL: its path under the module's base URL (with a trailing slash, as `urljoin` wants it). */
export function endpointUrl(baseUrl: string, path: string): URL {
  if (/^https?:\/\//i.test(path)) return new URL(path);
  let base: URL;
  try {
    base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch {
    throw new PlyError('PLY_CONFIGURATION_INVALID', `the module's base URL is not a URL: ${baseUrl.split(/[?#]/, 1)[0]}`);
  }
  return new URL(path.replace(/^\//, ''), base);
}

function parseJson(text: string, url: URL, status: number): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `${url.origin}${url.pathname} answered HTTP ${status} with a body that is not JSON`, { details: { status, url: `${url.origin}${url.pathname}` } });
  }
}

function lowerCased(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}

/**
 * Sends one request under the module's HTTP declaration: authenticated (an OAuth token the API
 * refused is fetched again once), paced by the module's rate, through the run's HTTP client
 * (timeouts, retries that respect idempotency, redaction); a refusal becomes a clear
 * `PLY_VENDOR_HTTP_ERROR`, a body that is not JSON `PLY_VENDOR_RESPONSE_INVALID`.
 */
export async function sendModuleRequest<Config>(module: RestModule<Config>, ctx: ActionContext<Config>, call: ModuleRequest & { url?: URL }): Promise<ModuleResponse> {
  const http = module.http;
  if (!http) throw new PlyError('PLY_MANIFEST_INVALID', `${module.name}: a module request needs the module's \`http\` (its base URL and auth)`);
  const method = call.method ?? 'GET';
  const url = call.url ?? buildRequestUrl(endpointUrl(http.baseUrl(ctx.config), call.path), call.query);
  const moduleHeaders = typeof http.headers === 'function' ? http.headers(ctx.config) : http.headers;
  for (let refreshed = false; ; refreshed = true) {
    const request: OutgoingRequest = { method, url: new URL(url), headers: { accept: 'application/json', ...lowerCased(moduleHeaders) } };
    await module.auth.apply(request, ctx);
    Object.assign(request.headers, lowerCased(call.headers));
    const options: HttpRequestOptions = { method, headers: request.headers, throwOnHttpError: false, responseType: call.responseType === 'bytes' ? 'bytes' : 'text' };
    if (call.json !== undefined) options.json = call.json;
    if (call.form) {
      options.body = call.form.toString();
      request.headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    if (call.idempotent) options.idempotent = true;
    const tls = http.tls?.(ctx.config);
    if (tls) options.tls = tls;
    if (call.timeoutMs) options.timeoutMs = call.timeoutMs;
    await module.rate.acquire(ctx);
    const response = await ctx.http.request<string | Uint8Array>(request.url, options);
    const raw = response.body ?? '';
    const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
    const ok = response.status >= 200 && response.status < 300;
    if (ok || call.acceptStatus?.includes(response.status)) {
      const body = call.responseType === 'bytes' && ok ? raw : (parseJson(text, request.url, response.status) ?? (ok ? undefined : {}));
      return { status: response.status, body, headers: response.headers, url: request.url };
    }
    // A refused OAuth token (revoked, rotated): fetch a new one once.
    if (response.status === 401 && module.auth.refreshable && !refreshed) {
      module.auth.invalidate(ctx);
      continue;
    }
    throw vendorFailure({
      module: module.name,
      method,
      url: `${request.url.origin}${request.url.pathname}`,
      status: response.status,
      attempts: response.attempts,
      text,
      notFound: call.notFound ?? `${method} ${call.path}`,
      errorMessage: http.errorMessage,
    });
  }
}
