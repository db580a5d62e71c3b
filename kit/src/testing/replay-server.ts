import { isDeepStrictEqual } from 'node:util';
import { Hono } from 'hono';
import { startFakeServer, type FakeServer } from './fake-server.js';
import { scrubRequest, type ScrubOptions } from './secret-scrubber.js';
import { decodeBody, encodeBody, readVendorFixture, type RecordedExchange, type VendorFixture } from './vendor-fixture.js';

export interface ReplayServer extends FakeServer {
  /** Recorded exchanges no request has matched yet (assert it is empty to prove the test made every call). */
  unused(): RecordedExchange[];
}

/**
 * Serves a recorded fixture on 127.0.0.1 (a Hono app through `startFakeServer`). A request
 * matches an unused exchange with the same method and path (both scrubbed as when recording),
 * preferring one whose body is equal; each exchange answers once, in recorded order. A request
 * that matches nothing gets a 421 (Misdirected Request: not retried by the HTTP client) naming
 * it, so the failure says what was not recorded.
 */
export async function startReplayServer(fixture: VendorFixture | string, options: ScrubOptions = {}): Promise<ReplayServer> {
  const { exchanges } = typeof fixture === 'string' ? readVendorFixture(fixture) : fixture;
  const used = new Set<number>();
  const app = new Hono();
  app.all('*', async (c) => {
    const url = new URL(c.req.url);
    const text = c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text();
    const body = decodeBody(text);
    const request = scrubRequest({ method: c.req.method, path: `${url.pathname}${url.search}`, headers: {}, ...(body === undefined ? {} : { body }) }, options);
    const candidates = exchanges
      .map((exchange, index) => ({ exchange, index }))
      .filter(({ exchange, index }) => !used.has(index) && exchange.request.method === request.method && exchange.request.path === request.path);
    const match = candidates.find(({ exchange }) => isDeepStrictEqual(exchange.request.body, request.body)) ?? candidates[0];
    if (!match) return c.json({ error: 'no recorded exchange matches this request', method: request.method, path: request.path }, 421);
    used.add(match.index);
    const { response } = match.exchange;
    return new Response(encodeBody(response.body) ?? null, { status: response.status, headers: response.headers });
  });
  const server = await startFakeServer(app.fetch);
  return { ...server, unused: () => exchanges.filter((_, index) => !used.has(index)) };
}
