import { PlyError, type HttpClient } from '@ply/core';
import type { MandrillConfiguration } from './configuration.js';
import { toApiMessage, type MandrillMessage } from './message.schema.js';
import type { RecipientStatus } from './send-result.schema.js';

/** Options of `messages/send` besides the message itself. */
export interface SendOptions {
  async?: boolean;
  ip_pool?: string;
  send_at?: string;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * `POST {base_url}messages/send.json` (https://mailchimp.com/developer/transactional/api/messages/send-new-message/).
 * Mandrill takes the key in the JSON body, never in a header or the URL, so it stays out of the
 * HTTP client's messages and logs. Errors (`{status:"error", code, name, message}` with 400, 401,
 * 404 or 500 since Mandrill's 2023 status-code changes) reach the caller as PLY_VENDOR_HTTP_ERROR
 * carrying Mandrill's message; 429 and 5xx are retried by the client.
 */
export async function sendMessage(
  http: HttpClient,
  configuration: MandrillConfiguration,
  message: MandrillMessage,
  options: SendOptions,
): Promise<RecipientStatus[]> {
  const url = new URL('messages/send.json', withSlash(configuration.base_url));
  const body = Object.fromEntries(
    Object.entries({ key: configuration.apikey, message: toApiMessage(message), ...options }).filter(([, value]) => value !== undefined),
  );
  const response = await http.request<unknown>(url, { method: 'POST', json: body, responseType: 'json' });
  if (!Array.isArray(response.body)) {
    throw new PlyError('PLY_VENDOR_HTTP_ERROR', `POST ${url.href} answered HTTP ${response.status} without the list of recipient statuses`, {
      details: { status: response.status, method: 'POST', url: url.href, attempts: response.attempts },
    });
  }
  return response.body.map(toRecipientStatus);
}

/** Keeps the documented fields of one recipient entry, so the results schema stays exact. */
function toRecipientStatus(entry: unknown): RecipientStatus {
  const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const nullableText = (value: unknown): string | null | undefined => (value === null ? null : text(value));
  const status: RecipientStatus = { email: text(record['email']) ?? '', status: text(record['status']) ?? 'unknown' };
  const rejectReason = nullableText(record['reject_reason']);
  if (rejectReason !== undefined) status.reject_reason = rejectReason;
  const queuedReason = nullableText(record['queued_reason']);
  if (queuedReason !== undefined) status.queued_reason = queuedReason;
  const id = text(record['_id']);
  if (id !== undefined) status._id = id;
  return status;
}
