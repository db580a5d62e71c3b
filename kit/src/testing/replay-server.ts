import { isDeepStrictEqual } from 'node:util';
import { Hono } from 'hono';
import { startFakeServer, type FakeServer } from './fake-server.js';
import { SecretScrubber, type ScrubOptions } from './secret-scrubber.js';
import { decodeBody, encodeBody, readVendorFixture, type RecordedExchange, type VendorFixture } from './vendor-fixture.js';

/** A request the fixture had no answer for, as scrubbed for matching. */
export interface ReplayMiss {
  method: string;
  path: string;
  body?: unknown;
}

export interface ReplayServer extends FakeServer {
  /** Recorded exchanges no request has matched yet (assert it is empty to prove the test made every call). */
  unused(): RecordedExchange[];
  /** Requests that matched no recorded exchange, in order (assert it is empty to prove nothing unrecorded was asked). */
  misses(): ReplayMiss[];
}

/** At most this many unused exchanges are named in a miss's message. */
const MISS_HINTS = 3;

/** What a miss answers: the request, and the unused recordings closest to it (same method, then same path). */
function missMessage(request: ReplayMiss, unused: RecordedExchange[]): string {
  const pathOnly = (path: string) => path.split('?', 1)[0];
  const score = (exchange: RecordedExchange) => (exchange.request.method === request.method ? 2 : 0) + (pathOnly(exchange.request.path) === pathOnly(request.path) ? 1 : 0);
  const closest = [...unused].sort((a, b) => score(b) - score(a)).slice(0, MISS_HINTS);
  const hint = closest.length === 0 ? 'the fixture has no unused exchange left' : `unused recordings: ${closest.map((exchange) => `${exchange.request.method} ${exchange.request.path}`).join(', ')}`;
  return `no recorded exchange matches ${request.method} ${request.path}${request.body === undefined ? '' : ' (with its body)'}; ${hint}`;
}

/**
 * Serves a recorded fixture on 127.0.0.1 (a Hono app through `startFakeServer`). A request
 * matches an unused exchange with the same method and path (both scrubbed as when recording),
 * preferring one whose body is equal; each exchange answers once, in recorded order. A request
 * that matches nothing gets a 421 (Misdirected Request: not retried by the HTTP client) whose
 * `error` names it and the closest unused recordings, so the run's PLY_VENDOR_HTTP_ERROR says
 * what was not recorded; `misses()` lists such requests.
 */
export async function startReplayServer(fixture: VendorFixture | string, options: ScrubOptions = {}): Promise<ReplayServer> {
  const { exchanges } = typeof fixture === 'string' ? readVendorFixture(fixture) : fixture;
  const scrubber = new SecretScrubber(options);
  const used = new Set<number>();
  const misses: ReplayMiss[] = [];
  const unused = () => exchanges.filter((_, index) => !used.has(index));
  const app = new Hono();
  app.all('*', async (c) => {
    const url = new URL(c.req.url);
    const text = c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text();
    const body = decodeBody(text);
    const request = scrubber.request({ method: c.req.method, path: `${url.pathname}${url.search}`, headers: {}, ...(body === undefined ? {} : { body }) });
    const candidates = exchanges
      .map((exchange, index) => ({ exchange, index }))
      .filter(({ exchange, index }) => !used.has(index) && exchange.request.method === request.method && exchange.request.path === request.path);
    const match = candidates.find(({ exchange }) => isDeepStrictEqual(exchange.request.body, request.body)) ?? candidates[0];
    if (!match) {
      const miss: ReplayMiss = { method: request.method, path: request.path, ...(request.body === undefined ? {} : { body: request.body }) };
      misses.push(miss);
      return c.json({ error: missMessage(miss, unused()), method: miss.method, path: miss.path }, 421);
    }
    used.add(match.index);
    const { response } = match.exchange;
    return new Response(encodeBody(response.body) ?? null, { status: response.status, headers: response.headers });
  });
  const server = await startFakeServer(app.fetch);
  return { ...server, unused, misses: () => [...misses] };
}
