import type { HttpClient } from '@ply/core';

/** The body Mattermost's incoming webhooks accept (https://developers.mattermost.com/integrate/webhooks/incoming/). */
export interface WebhookPayload {
  text?: string;
  channel?: string;
  username?: string;
  icon_url?: string;
  attachments?: Array<Record<string, unknown>>;
}

/** Posts to the incoming webhook; Mattermost answers 200 with the text `ok`. */
export async function postToWebhook(http: HttpClient, hookUrl: string, payload: WebhookPayload): Promise<void> {
  await http.request(hookUrl, { method: 'POST', json: payload, responseType: 'text' });
}

/** Drops keys whose value is undefined, so the webhook gets only what was asked. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
