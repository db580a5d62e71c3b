import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context, MiddlewareHandler } from 'hono';

/** A failure a fake vendor answers instead of handling the next request. */
export interface InjectedFailure {
  status: 429 | 500 | 502 | 503 | 504;
  /** Sent as `Retry-After` (seconds or a date), e.g. `'0'` so retries in tests do not wait. */
  retryAfter?: string;
}

/** Switches a test flips on a fake vendor API to make its next answers fail or slow. */
export interface FaultInjection {
  /** Answered in order, one per request, before the fake's own routes run. */
  failNext: InjectedFailure[];
  /** The next request waits this long (or until the client goes away) before it is handled. */
  delayNextMs: number;
  /**
   * The next this many requests get a 200 status line, JSON headers announcing a longer body and
   * the first bytes of it, then the connection closes: a connection dropped in the middle of an
   * answer (a proxy restarting, a load balancer's idle timeout). Served by `startFakeServer` only.
   */
  dropNext: number;
  /**
   * Hono middleware applying the switches; `answer` writes the vendor's own error for a failure
   * (each vendor words its 429 and 5xx bodies differently).
   */
  middleware(answer: (c: Context, failure: InjectedFailure) => Response | Promise<Response>): MiddlewareHandler;
}

/** Waits `ms`, or less if the client goes away first. */
export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** Writes the head and a few bytes of a JSON answer straight to the socket, then destroys it. */
function dropMidAnswer(c: Context): Response {
  const outgoing = (c.env as { outgoing: ServerResponse }).outgoing;
  outgoing.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
  // Closed once those bytes left: the client has the head and part of the body, then nothing.
  outgoing.write('{"response": [{"id": "', () => outgoing.socket?.destroy());
  // Tells the node server the answer was written here: it writes nothing more.
  return RESPONSE_ALREADY_SENT;
}

/** Fault switches for a fake vendor API: queued 429/5xx answers and a slow next answer. */
export function faultInjection(): FaultInjection {
  const faults: FaultInjection = {
    failNext: [],
    delayNextMs: 0,
    dropNext: 0,
    middleware: (answer) => async (c, next) => {
      const delay = faults.delayNextMs;
      faults.delayNextMs = 0;
      if (delay > 0) await sleepUnlessAborted(delay, c.req.raw.signal);
      if (faults.dropNext > 0) {
        faults.dropNext -= 1;
        return dropMidAnswer(c);
      }
      const failure = faults.failNext.shift();
      if (!failure) return next();
      if (failure.retryAfter !== undefined) c.header('Retry-After', failure.retryAfter);
      return answer(c, failure);
    },
  };
  return faults;
}
