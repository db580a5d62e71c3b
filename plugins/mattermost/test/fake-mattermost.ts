import { Hono } from 'hono';

/** What a fake incoming webhook received. */
export interface ReceivedPost {
  path: string;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

/**
 * A fake Mattermost incoming webhook (POST /hooks/<key>): answers 200 `ok` as Mattermost does,
 * 400 with Mattermost's error body for a payload without text nor attachments, and the status
 * queued in `failNext` (to test retries and vendor errors).
 */
export function fakeMattermost() {
  const received: ReceivedPost[] = [];
  const failNext: number[] = [];
  const app = new Hono();
  app.post('/hooks/:key', async (c) => {
    const status = failNext.shift();
    if (status) return c.json({ id: 'web.incoming_webhook.error', message: `injected failure ${status}`, status_code: status }, status as 500);
    const body = (await c.req.json()) as Record<string, unknown>;
    if (!body['text'] && !body['attachments']) {
      return c.json({ id: 'web.incoming_webhook.text.app_error', message: 'No text specified', status_code: 400 }, 400);
    }
    received.push({ path: c.req.path, contentType: c.req.header('content-type'), body });
    return c.text('ok');
  });
  return { app, received, failNext };
}
