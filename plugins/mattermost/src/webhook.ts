import type { HttpClient } from '@ply/core';

/** The icon the reference module posts with. */
export const SEKOIA_ICON_URL = 'https://app.sekoia.io/user/favicon.ico';

/** The body Mattermost's incoming webhooks accept (https://developers.mattermost.com/integrate/webhooks/incoming/). */
export type WebhookPayload = {
  text?: string;
  channel?: string;
  username?: string;
  icon_url?: string;
  attachments?: ReadonlyArray<object>;
};

/**
 * Posts to the incoming webhook; Mattermost answers 200 with the text `ok`. Posting twice posts
 * twice, so a 5xx is not retried (the kit's client retries POST only on 429 and refused
 * connections).
 */
export async function postToWebhook(http: HttpClient, hookUrl: string, payload: WebhookPayload): Promise<void> {
  await http.request(hookUrl, { method: 'POST', json: payload, responseType: 'text' });
}

/** Drops keys whose value is undefined or null: the webhook gets only what is set. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}
