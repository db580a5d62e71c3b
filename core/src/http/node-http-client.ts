import type { ConnectionPolicy, HttpClient, HttpRequestOptions, HttpResponse, RetryPolicy, UrlParts } from '../contracts/http.js';
import type { Logger } from '../contracts/logger.js';
import { PlyError, isPlyError } from '../errors/ply-error.js';
import { backoffDelay, parseRetryAfter } from './backoff.js';
import { signalCancellation, type Cancellation } from './cancellation.js';
import { networkErrorCode } from './network-error-code.js';
import { ACCEPT_ENCODING, INVALID_HEADER_CODES, TRANSPORT_TIMEOUT, outgoingHeaders, sendRequest, type OutgoingHeaders, type TransportResponse } from './node-transport.js';
import type { RateLimiter } from './rate-limiter.js';
import { buildRequestUrl, redactUrl } from './request-url.js';
import { InvalidJsonBodyError, readResponseBody, type ResponseType } from './response-body.js';
import { sleep } from './sleep.js';
import { extractVendorMessage } from './vendor-message.js';

/** Per-attempt timeout used when neither the client nor the request sets one. */
export const DEFAULT_HTTP_TIMEOUT_MS = 30_000;

/** Retry policy used for what the client and the request leave unset. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
});

/** Construction options of {@link NodeHttpClient}. */
export interface NodeHttpClientOptions {
  /** Receives one warn line per retry; never given headers or bodies. */
  logger: Logger;
  /** Acquired before every attempt, retries included. */
  rateLimiter?: RateLimiter;
  /** The run's signal: aborting it cancels requests and waits (`PLY_ACTION_CANCELLED`). */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms (default {@link DEFAULT_HTTP_TIMEOUT_MS}). */
  defaultTimeoutMs?: number;
  /** Overrides of {@link DEFAULT_RETRY_POLICY}. */
  retry?: Partial<RetryPolicy>;
  /** Sent as `user-agent` unless the request sets its own. */
  userAgent?: string;
  /**
   * Where this client may connect, judged after DNS resolution and on every redirect hop (the
   * admin's host restriction, `PLY_HTTP_ALLOW_HOSTS` / `PLY_HTTP_DENY_HOSTS`). Unset: anywhere,
   * at no cost.
   */
  connectionPolicy?: ConnectionPolicy;
}

/** Everything one request needs, resolved once before the first attempt. */
interface RequestPlan {
  method: NonNullable<HttpRequestOptions['method']>;
  url: UrlParts;
  /** `url` without query, fragment or user-info: the only form put in messages and logs. */
  safeUrl: string;
  headers: OutgoingHeaders;
  body: string | Uint8Array | undefined;
  timeoutMs: number;
  policy: RetryPolicy;
  responseType: ResponseType;
  throwOnHttpError: boolean;
  tls: HttpRequestOptions['tls'];
  /** Whether a 5xx, a timeout or a dropped connection may be retried (see {@link RetryPolicy}). */
  repeatable: boolean;
  /** Whose request it is: the signal that cancels it, the logger of its retries. */
  caller: RequestCaller;
}

/** Who sends a request: the client's own signal and logger, or a run's (see {@link NodeHttpClient.forRun}). */
export interface RequestCaller {
  /** What cancels the request (a run, or the client's signal); none: only its timeout ends it. */
  cancel: Cancellation | undefined;
  /** The logger of its retries, asked for on the first retry (a run's is a pino child most runs never need). */
  logger: () => Logger;
}

/** Why an attempt did not end the request: the status, or the network error, and the wait the vendor asked for. */
class Retry {
  constructor(
    readonly status: number | undefined,
    readonly error: string | undefined,
    readonly retryAfterMs: number | undefined,
  ) {}
}

/**
 * {@link HttpClient} on top of node:http(s) (see {@link sendRequest}): per-attempt timeout tied to the run's signal, bounded
 * retries on network errors, timeouts, 429 and 5xx (honouring `Retry-After`, else exponential
 * backoff with full jitter), the module's rate limit before every attempt, and failures thrown
 * as PlyError (`PLY_VENDOR_HTTP_ERROR`, `PLY_NETWORK_ERROR`, `PLY_HTTP_TIMEOUT`,
 * `PLY_ACTION_CANCELLED`). Query strings, headers and bodies never reach messages or logs.
 */
export class NodeHttpClient implements HttpClient {
  readonly #caller: RequestCaller;
  readonly #rateLimiter: RateLimiter | undefined;
  readonly #defaultTimeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #userAgent: string | undefined;
  readonly #policy: ConnectionPolicy | undefined;

  constructor(options: NodeHttpClientOptions) {
    this.#caller = { cancel: options.signal ? signalCancellation(options.signal) : undefined, logger: () => options.logger };
    this.#rateLimiter = options.rateLimiter;
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
    this.#retry = mergePolicy(DEFAULT_RETRY_POLICY, options.retry);
    this.#userAgent = options.userAgent;
    this.#policy = options.connectionPolicy;
  }

  /** Sends one request, retrying as its policy allows. See {@link HttpClient.request}. */
  request<T = unknown>(url: string | UrlParts, options: HttpRequestOptions = {}): Promise<HttpResponse<T>> {
    return this.#send<T>(url, options, this.#caller);
  }

  /**
   * This client as one run sees it: its requests are cancelled by the run's signal and log their
   * retries through the run's logger; the rate limiter, retry policy, user agent and connection
   * policy are this client's. One client per module account serves all its runs this way
   * (building a client per run cost more than the request's own parsing).
   */
  forRun(caller: RequestCaller): HttpClient {
    return { request: <T = unknown>(url: string | UrlParts, options: HttpRequestOptions = {}) => this.#send<T>(url, options, caller) };
  }

  #send<T>(url: string | UrlParts, options: HttpRequestOptions, caller: RequestCaller): Promise<HttpResponse<T>> {
    let plan: RequestPlan;
    try {
      plan = this.#plan(url, options, caller);
    } catch (error) {
      return Promise.reject(error);
    }
    // The first attempt (nearly every request ends with it) through promise chains: each layer of
    // async function costs a request a promise and a microtask turn more. Retries in an async loop.
    return this.#attempt<T>(plan, 1, plan.policy.retries < 1).then((result) => (result instanceof Retry ? this.#retried<T>(plan, result) : result));
  }

  /** The attempts after the first one failed for `first`: each after its delay, until one ends the request. */
  async #retried<T>(plan: RequestPlan, first: Retry): Promise<HttpResponse<T>> {
    let reason = first;
    for (let attempt = 1; ; attempt += 1) {
      const delayMs = reason.retryAfterMs ?? backoffDelay(attempt - 1, plan.policy);
      plan.caller.logger().warn('HTTP request failed, retrying', {
        method: plan.method,
        url: plan.safeUrl,
        ...(reason.status === undefined ? {} : { status: reason.status }),
        ...(reason.error === undefined ? {} : { error: reason.error }),
        attempt,
        maxAttempts: plan.policy.retries + 1,
        delayMs,
      });
      try {
        await sleep(delayMs, plan.caller.cancel?.signal);
      } catch (error) {
        throw this.#cancelled(plan, attempt, error);
      }
      const result = await this.#attempt<T>(plan, attempt + 1, attempt + 1 > plan.policy.retries);
      if (!(result instanceof Retry)) return result;
      reason = result;
    }
  }

  #plan(url: string | UrlParts, options: HttpRequestOptions, caller: RequestCaller): RequestPlan {
    const method = options.method ?? 'GET';
    const target = buildRequestUrl(url, options.query);
    const safeUrl = redactUrl(target);

    let headers: OutgoingHeaders;
    try {
      headers = outgoingHeaders(options.headers);
    } catch (error) {
      throw invalidHeaders(method, safeUrl, error);
    }
    if (this.#userAgent !== undefined) headers['user-agent'] ??= this.#userAgent;
    headers['accept-encoding'] ??= ACCEPT_ENCODING;

    let body: string | Uint8Array | undefined = options.body;
    if (options.json !== undefined) {
      if (options.body !== undefined) {
        throw new PlyError('PLY_INVALID_INPUT', `${method} ${safeUrl}: "json" and "body" are mutually exclusive`);
      }
      try {
        body = JSON.stringify(options.json);
      } catch (error) {
        throw new PlyError('PLY_INVALID_INPUT', `${method} ${safeUrl}: the JSON body cannot be serialised`, {
          cause: error,
        });
      }
      headers['content-type'] ??= 'application/json';
    }
    if (body !== undefined && (method === 'GET' || method === 'HEAD')) {
      throw new PlyError('PLY_INVALID_INPUT', `${method} ${safeUrl}: a ${method} request cannot have a body`);
    }

    // Read only: a request without its own retry settings shares the client's policy.
    const policy = options.retry === false ? { ...this.#retry, retries: 0 } : options.retry === undefined ? this.#retry : mergePolicy(this.#retry, options.retry);
    return {
      method,
      url: target,
      safeUrl,
      headers,
      body,
      timeoutMs: options.timeoutMs ?? this.#defaultTimeoutMs,
      policy,
      responseType: options.responseType ?? 'auto',
      throwOnHttpError: options.throwOnHttpError ?? true,
      tls: options.tls,
      repeatable: options.idempotent ?? IDEMPOTENT_METHODS.has(method),
      caller,
    };
  }

  /**
   * One attempt: rate limit, request, body. Resolves to the response, or to why to retry; rejects
   * when the request is over (last attempt failed, non-retryable status, cancellation).
   */
  #attempt<T>(plan: RequestPlan, attempt: number, isLast: boolean): Promise<HttpResponse<T> | Retry> {
    const cancel = plan.caller.cancel;
    if (cancel?.aborted) return Promise.reject(this.#cancelled(plan, attempt - 1, cancel.reason));
    if (!this.#rateLimiter) return this.#exchange<T>(plan, attempt, isLast);
    return this.#rateLimiter.acquire(cancel?.signal).then(
      () => this.#exchange<T>(plan, attempt, isLast),
      (error: unknown) => {
        throw this.#cancelled(plan, attempt - 1, error);
      },
    );
  }

  /** Sends the attempt and reads its answer; a failure becomes a PlyError or a reason to retry. */
  #exchange<T>(plan: RequestPlan, attempt: number, isLast: boolean): Promise<HttpResponse<T> | Retry> {
    return sendRequest({ method: plan.method, url: plan.url, headers: plan.headers, body: plan.body, timeoutMs: plan.timeoutMs, cancel: plan.caller.cancel, tls: plan.tls, policy: this.#policy })
      .then<HttpResponse<T> | Retry>((response) => {
        if (!isLast && (response.status === 429 || (plan.repeatable && response.status >= 500))) {
          response.discard();
          return new Retry(response.status, undefined, parseRetryAfter(response.header('retry-after') ?? null, Date.now(), plan.policy.maxDelayMs));
        }
        return this.#complete<T>(plan, response, attempt);
      })
      .catch((error: unknown) => this.#failure(plan, attempt, isLast, error));
  }

  /** What an attempt that failed (no answer, or an answer whose body could not be read) means: the request's end (thrown) or a retry. */
  #failure(plan: RequestPlan, attempt: number, isLast: boolean, error: unknown): Retry {
    if (isPlyError(error)) throw error;
    // node:http refused a header as it made the request: nothing was sent, and asking again would meet the same refusal.
    if (INVALID_HEADER_CODES.has((error as { code?: unknown }).code)) throw invalidHeaders(plan.method, plan.safeUrl, error);
    if (plan.caller.cancel?.aborted) throw this.#cancelled(plan, attempt, error);
    if ((error as { code?: unknown }).code === TRANSPORT_TIMEOUT) {
      if (isLast || !plan.repeatable) {
        throw new PlyError(
          'PLY_HTTP_TIMEOUT',
          `${plan.method} ${plan.safeUrl} timed out after ${plan.timeoutMs} ms (${attemptsText(attempt)})`,
          { cause: error, details: { method: plan.method, url: plan.safeUrl, attempts: attempt, timeoutMs: plan.timeoutMs } },
        );
      }
      return new Retry(undefined, 'timeout', undefined);
    }
    const code = networkErrorCode(error);
    if (code !== undefined && isCertificateError(code)) {
      // Asking again would meet the same certificate: say what to change instead.
      throw new PlyError('PLY_NETWORK_ERROR', `${plan.method} ${plan.safeUrl} failed: its TLS certificate is not trusted (${code}); trust its CA, or turn certificate verification off for this server`, {
        cause: error,
        details: { method: plan.method, url: plan.safeUrl, attempts: attempt, code },
      });
    }
    if (isLast || !(plan.repeatable || (code !== undefined && NOTHING_SENT.has(code)))) {
      throw new PlyError(
        'PLY_NETWORK_ERROR',
        `${plan.method} ${plan.safeUrl} failed: network error${code === undefined ? '' : ` ${code}`} (${attemptsText(attempt)})`,
        { cause: error, details: { method: plan.method, url: plan.safeUrl, attempts: attempt, code } },
      );
    }
    return new Retry(undefined, code ?? 'network error', undefined);
  }

  /** Turns a final response into the result, or into `PLY_VENDOR_HTTP_ERROR`. */
  #complete<T>(plan: RequestPlan, response: TransportResponse, attempt: number): Promise<HttpResponse<T>> {
    if (!response.ok && plan.throwOnHttpError) return this.#refused(plan, response, attempt);
    return readResponseBody(response, plan.responseType).then(
      (body) => new ClientResponse<T>(response, response.url || plan.url.href, body as T, attempt),
      (error: unknown) => {
        if (!(error instanceof InvalidJsonBodyError)) throw error;
        throw new PlyError(
          'PLY_VENDOR_RESPONSE_INVALID',
          `${plan.method} ${plan.safeUrl} answered HTTP ${response.status} with a body that is not valid JSON (${attemptsText(attempt)})`,
          { cause: error, details: { status: response.status, method: plan.method, url: plan.safeUrl, attempts: attempt, vendorMessage: undefined } },
        );
      },
    );
  }

  /** The `PLY_VENDOR_HTTP_ERROR` of a refused request, with the vendor's own message when its body has one. */
  async #refused(plan: RequestPlan, response: TransportResponse, attempt: number): Promise<never> {
    const vendorMessage = extractVendorMessage(await response.text());
    throw new PlyError(
      'PLY_VENDOR_HTTP_ERROR',
      `${plan.method} ${plan.safeUrl} answered HTTP ${response.status}` + `${vendorMessage === undefined ? '' : `: ${vendorMessage}`} (${attemptsText(attempt)})`,
      { details: { status: response.status, method: plan.method, url: plan.safeUrl, attempts: attempt, vendorMessage } },
    );
  }

  #cancelled(plan: RequestPlan, attempts: number, cause: unknown): PlyError {
    return new PlyError('PLY_ACTION_CANCELLED', `${plan.method} ${plan.safeUrl} cancelled (${attemptsText(attempts)})`, {
      cause,
      details: { method: plan.method, url: plan.safeUrl, attempts },
    });
  }
}

function mergePolicy(base: Readonly<RetryPolicy>, override: Partial<RetryPolicy> | undefined): RetryPolicy {
  const merged = { ...base };
  for (const key of ['retries', 'baseDelayMs', 'maxDelayMs'] as const) {
    const value = override?.[key];
    if (value !== undefined) merged[key] = value;
  }
  merged.retries = Math.max(0, Math.floor(merged.retries));
  return merged;
}

/** Methods whose repetition has no further effect (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** A TLS verification failure (OpenSSL's codes as Node reports them). */
function isCertificateError(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code);
}

/** Network errors after which the vendor cannot have seen the request: any method may try again. */
const NOTHING_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** A refused header name or value; the error's own text may quote the value (a token, say): it stays out of the message. */
function invalidHeaders(method: string, safeUrl: string, error: unknown): PlyError {
  return new PlyError('PLY_INVALID_INPUT', `${method} ${safeUrl}: invalid request headers`, {
    details: { method, url: safeUrl, reason: error instanceof Error ? error.name : 'invalid' },
  });
}

function attemptsText(attempts: number): string {
  return attempts === 1 ? '1 attempt' : `${attempts} attempts`;
}

/**
 * What `request` resolves to. A class, so that the `headers` getter (a Headers object built only
 * when read: few actions look at response headers) lives on the prototype rather than as an
 * accessor pair made for each response.
 */
class ClientResponse<T> implements HttpResponse<T> {
  readonly status: number;
  readonly statusText: string;

  constructor(
    private readonly response: TransportResponse,
    readonly url: string,
    readonly body: T,
    readonly attempts: number,
  ) {
    this.status = response.status;
    this.statusText = response.statusText;
  }

  get headers(): Headers {
    return this.response.headers;
  }
}
