import { PlyError, vendorFailure, type ActionContext, type HttpRequestOptions, type RunContext } from '@ply/core';
import type { VirusTotalConfiguration } from './configuration.js';
import { virustotalError, virustotalMessage } from './vt-error.js';

type Context = RunContext<VirusTotalConfiguration> | ActionContext<VirusTotalConfiguration>;

export interface VtCall {
  method?: 'GET' | 'POST';
  /** Relative to the API root, or an absolute URL (an upload URL VirusTotal handed out). */
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  body?: string | Uint8Array;
  contentType?: string;
  /** What a 404 means, for the message (`file 44d8...`). */
  what?: string;
  /** Answer `undefined` instead of failing on 404 (`NotFoundError`): "VirusTotal does not know it". */
  notFoundIsAnswer?: boolean;
}

function parse(text: string, where: string, status: number): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `${where} answered HTTP ${status} with a body that is not JSON`, { details: { status, url: where } });
  }
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One call of API v3 for the hand-written runs (uploads, polls, the comments of either a file or a
 * URL): `x-apikey`, the run's HTTP client (timeouts, retries that respect idempotency, the
 * account's rate, redaction), VirusTotal's error body read into a clear message.
 */
export async function vtRequest<T = Record<string, unknown>>(ctx: Context, call: VtCall): Promise<T | undefined> {
  const base = ctx.config.base_url.endsWith('/') ? ctx.config.base_url : `${ctx.config.base_url}/`;
  const url = /^https?:\/\//.test(call.path) ? new URL(call.path) : new URL(call.path.replace(/^\//, ''), base);
  for (const [key, value] of Object.entries(call.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
  const method = call.method ?? 'GET';
  const headers: Record<string, string> = { 'x-apikey': ctx.config.apikey, accept: 'application/json' };
  if (call.contentType) headers['content-type'] = call.contentType;
  const options: HttpRequestOptions = { method, headers, responseType: 'text', throwOnHttpError: false };
  if (call.json !== undefined) options.json = call.json;
  if (call.body !== undefined) options.body = call.body;
  const response = await ctx.http.request<string>(url, options);
  const where = `${url.origin}${url.pathname}`;
  const text = response.body ?? '';
  if (response.status >= 200 && response.status < 300) return parse(text, where, response.status) as T;
  if (response.status === 404 && call.notFoundIsAnswer) return undefined;
  // Worded as REST declarations word a refusal; VirusTotal's error code kept for callers that branch on it.
  const refused = vendorFailure({ module: 'VirusTotal', method, url: where, status: response.status, attempts: response.attempts, text, notFound: call.what ?? `${method} ${url.pathname}`, errorMessage: virustotalMessage });
  throw new PlyError('PLY_VENDOR_HTTP_ERROR', refused.message, { details: { ...refused.details, vendorCode: virustotalError(parsedOrUndefined(text)).code } });
}

/** Waits `seconds`, or rejects with the signal's reason when the run is aborted first. */
export function pause(seconds: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, seconds * 1000);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** v3's URL identifier: the URL in unpadded base64url (https://docs.virustotal.com/reference/url). */
export function urlIdentifier(url: string): string {
  return Buffer.from(url).toString('base64url');
}
