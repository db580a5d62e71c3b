import { PlyError, vendorFailure, type ActionContext, type HttpRequestOptions, type QueryValue } from '@ply/core';
import type { GlimpsConfiguration } from './configuration.js';
import { glimpsMessage } from './module.js';

/** A call the REST declarations cannot make (a multipart upload, a binary export). */
export interface GlimpsCall {
  method: 'GET' | 'POST';
  /** Under the GLIMPS Detect server (`api/lite/v2/submit`). */
  path: string;
  query?: Record<string, QueryValue>;
  body?: { bytes: Uint8Array; contentType: string };
  responseType: 'text' | 'bytes';
  timeoutMs?: number;
  /** What a 404 means (`analysis <uuid>`). */
  notFound: string;
}

/**
 * Sends one call to GLIMPS Detect through the run's HTTP client (timeouts, retries that respect
 * idempotency, redaction), with the account's token, and reports a refusal in the words the REST
 * declarations use. Resolves with the answer's body and content type.
 */
export async function glimpsCall(ctx: ActionContext<GlimpsConfiguration>, call: GlimpsCall): Promise<{ body: string | Uint8Array; contentType: string | null }> {
  const base = ctx.config.base_url.endsWith('/') ? ctx.config.base_url : `${ctx.config.base_url}/`;
  const url = new URL(call.path, base);
  const headers: Record<string, string> = { accept: call.responseType === 'text' ? 'application/json' : '*/*', 'x-auth-token': ctx.config.api_key };
  const options: HttpRequestOptions = { method: call.method, headers, throwOnHttpError: false, responseType: call.responseType };
  if (call.query) options.query = call.query;
  if (call.body) {
    options.body = call.body.bytes;
    headers['content-type'] = call.body.contentType;
  }
  if (call.timeoutMs) options.timeoutMs = call.timeoutMs;
  const response = await ctx.http.request<string | Uint8Array>(url, options);
  if (response.status >= 200 && response.status < 300) return { body: response.body, contentType: response.headers.get('content-type') };
  const text = typeof response.body === 'string' ? response.body : Buffer.from(response.body).toString('utf8');
  throw vendorFailure({ module: 'GLIMPS', method: call.method, url: `${url.origin}${url.pathname}`, status: response.status, attempts: response.attempts, text, notFound: call.notFound, errorMessage: glimpsMessage });
}

/** The JSON object of a GLIMPS answer, or a clear error when it is not one. */
export function jsonAnswer(body: string | Uint8Array, what: string): Record<string, unknown> {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `GLIMPS answered ${what} with a body that is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `GLIMPS answered ${what} with JSON that is not an object`);
  return parsed as Record<string, unknown>;
}
