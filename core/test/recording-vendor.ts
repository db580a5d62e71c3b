import { Hono } from 'hono';
import { afterEach } from 'vitest';
import { startFakeServer, type FakeServer } from '@ply/kit/testing';

/** One request as a recording vendor got it. */
export interface Received {
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string>;
  body: string;
}

/** A generic JSON API on 127.0.0.1 (routes given by the test) and the requests it got. */
export type RecordingVendor = (build: (app: Hono, received: Received[]) => void) => Promise<{ url: string; received: Received[] }>;

/**
 * Starts generic JSON APIs that record what they got, closed after each test: these prove the
 * mechanics of REST declarations (placement, auth, paging, errors); each plugin fakes its real vendor.
 */
export function useRecordingVendors(): RecordingVendor {
  let servers: FakeServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
  });
  return async (build) => {
    const received: Received[] = [];
    const app = new Hono();
    app.use('*', async (c, next) => {
      const url = new URL(c.req.url);
      const query: Record<string, string[]> = {};
      for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
      received.push({ method: c.req.method, path: url.pathname, query, headers: Object.fromEntries(c.req.raw.headers), body: await c.req.raw.clone().text() });
      await next();
    });
    build(app, received);
    const server = await startFakeServer(app.fetch);
    servers.push(server);
    // Without its trailing slash, so tests write `${api.url}/path`.
    return { url: server.url.replace(/\/$/, ''), received };
  };
}
