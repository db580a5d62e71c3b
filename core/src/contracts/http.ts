import type { LookupAddress, LookupOptions } from 'node:dns';
/** Query-string values; arrays repeat the key, `undefined` drops it. */
export type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number | boolean>;

/**
 * Retry policy for one request. A 429 is retried for every method (the vendor refused it before
 * doing anything), as is a connection that was refused or never resolved (nothing was sent). A
 * 5xx, a timeout or a dropped connection is retried only for a request that is safe to repeat:
 * GET, HEAD, PUT, DELETE, OPTIONS, or one marked `idempotent` (a POST that creates a ticket twice
 * is worse than a failed run).
 */
export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  retries: number;
  /** First backoff delay in ms; doubles on each retry, with full jitter. */
  baseDelayMs: number;
  /** Upper bound of one wait, `Retry-After` included. */
  maxDelayMs: number;
}

export interface HttpRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  headers?: Record<string, string>;
  query?: Record<string, QueryValue>;
  /** Sent as JSON with `content-type: application/json`. */
  json?: unknown;
  /** Raw body (mutually exclusive with `json`). */
  body?: string | Uint8Array;
  /** Per-attempt timeout in ms. */
  timeoutMs?: number;
  /** `false` disables retries for this request. */
  retry?: Partial<RetryPolicy> | false;
  /**
   * The request may be repeated without a second effect (a POST search, a PATCH that sets a value):
   * it is then retried on 5xx, timeouts and network errors like a GET. Default: by method.
   */
  idempotent?: boolean;
  /**
   * TLS of an https request: `verify: false` accepts any certificate (an appliance's self-signed
   * one, as Sekoia's modules do with `verify=False`: say so in the logs), `ca` trusts a private CA
   * (PEM) instead of the system's. Default: the system's CAs, verified.
   */
  tls?: { verify?: boolean; ca?: string };
  /**
   * How to read the body: JSON when the response says so (default `auto`); `bytes` for a file (a
   * PDF export), as a `Uint8Array`; `stream` gives the (decompressed) body as a Node `Readable` to
   * consume or destroy, the request's deadline still running until it ends.
   */
  responseType?: 'auto' | 'json' | 'text' | 'bytes' | 'none' | 'stream';
  /** When false, a non-2xx response is returned instead of thrown as PLY_VENDOR_HTTP_ERROR. */
  throwOnHttpError?: boolean;
}

export interface HttpResponse<T = unknown> {
  status: number;
  /** The reason phrase the server sent (`OK`, `Not Found`); empty over HTTP/2 or when it sent none. */
  statusText: string;
  headers: Headers;
  url: string;
  body: T;
  /** Attempts made, the first included. */
  attempts: number;
}

/**
 * HTTP client handed to plugin code: timeouts, bounded retries with exponential backoff,
 * jitter and `Retry-After`, and the rate limit of the module configuration.
 * Failures throw PlyError (`PLY_VENDOR_HTTP_ERROR` with `details.status`, `PLY_NETWORK_ERROR`,
 * `PLY_HTTP_TIMEOUT`).
 */
export interface HttpClient {
  request<T = unknown>(url: string | UrlParts, options?: HttpRequestOptions): Promise<HttpResponse<T>>;
}

/** What a request reads of an http(s) URL: a `URL` has every part (the core's REST calls pass one made without parsing). */
export type UrlParts = Readonly<Pick<URL, 'href' | 'origin' | 'protocol' | 'host' | 'hostname' | 'port' | 'pathname' | 'search' | 'username' | 'password'>>;

/** A DNS lookup with node:dns's `lookup` signature (options with `all`, callback with one address or a list). */
export type LookupFunction = (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => void;

/**
 * Which addresses an HTTP client may connect to, decided where the connection is made: after DNS
 * resolution (a name resolving to 127.0.0.1 is judged as 127.0.0.1) and for every redirect hop.
 * See `hostPolicy` for the allow/deny list implementation behind `PLY_HTTP_ALLOW_HOSTS`.
 */
export interface ConnectionPolicy {
  /** Why `host` (the URL's host name) at `address` must not be reached; undefined when it may. */
  refusal(host: string, address: string): string | undefined;
  /** The resolver to use (default node:dns `lookup`). */
  readonly lookup?: LookupFunction;
}
