import { PlyError, type HttpClient } from '@ply/core';
import type { PagerDutyConfiguration } from './configuration.js';

/** An Events API v2 event (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/). */
export interface PagerDutyEvent {
  event_action: 'trigger' | 'acknowledge' | 'resolve';
  dedup_key?: string;
  payload?: Record<string, unknown>;
  links?: Array<{ href: string; text?: string }>;
  images?: Array<{ src: string; href?: string; alt?: string }>;
  client?: string;
  client_url?: string;
}

/** PagerDuty's 202 answer. */
export interface EnqueueResult {
  status: string;
  message: string;
  dedup_key: string;
}

/**
 * Sends one event to `integration_url` with the routing key. PagerDuty answers 202
 * `{status, message, dedup_key}`; 400 `{status:"invalid event", message, errors:[...]}` whose
 * `errors` (the useful part) are put in the error message; 429 and 5xx are retried by the client
 * (PagerDuty asks senders to retry 429 with a backoff); a 5xx is retried only for an event with a
 * dedup_key, which PagerDuty de-duplicates.
 */
export async function enqueueEvent(http: HttpClient, configuration: PagerDutyConfiguration, event: PagerDutyEvent): Promise<EnqueueResult> {
  const response = await http.request<unknown>(configuration.integration_url, {
    method: 'POST',
    json: { routing_key: configuration.integration_key, ...event },
    throwOnHttpError: false,
    // PagerDuty de-duplicates events by dedup_key, so a resend after a 5xx cannot raise a second alert.
    idempotent: event.dedup_key !== undefined,
  });
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as Record<string, unknown>;
  const url = safeUrl(configuration.integration_url);
  if (response.status < 200 || response.status >= 300) {
    const vendorMessage =
      typeof response.body === 'string'
        ? text(response.body.replace(/\s+/g, ' ').trim().slice(0, 200))
        : [text(body['message']), ...(Array.isArray(body['errors']) ? body['errors'].map(String) : [])].filter(Boolean).join(': ') || undefined;
    throw new PlyError('PLY_VENDOR_HTTP_ERROR', `POST ${url} answered HTTP ${response.status}${vendorMessage ? `: ${vendorMessage}` : ''}`, {
      details: { status: response.status, method: 'POST', url, attempts: response.attempts, vendorMessage },
    });
  }
  return { status: text(body['status']) ?? 'success', message: text(body['message']) ?? '', dedup_key: text(body['dedup_key']) ?? event.dedup_key ?? '' };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The URL without query or user-info, as the HTTP client shows URLs. */
function safeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
