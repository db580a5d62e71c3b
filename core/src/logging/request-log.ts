import { randomBytes } from 'node:crypto';
import type { PinoLogger } from './pino-logger.js';

/** A request id from the caller is kept when it is short and plain; otherwise one is made. */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** One HTTP request's log: a child logger carrying its id, and the line written when it ends. */
export interface RequestLog {
  readonly requestId: string;
  /** Every line logged while handling the request carries its id. */
  readonly log: PinoLogger;
  /** Writes the request's line (info, error for a 5xx) with its route, status and duration. */
  finish(status: number, route: string | undefined): void;
}

/**
 * Starts the log of one request, for the HTTP servers (runtime API, console, registry): a pino
 * child logger per request, as fastify gives each request, and one line when it ends. The path
 * is logged without its query string (a token may travel there).
 */
export function startRequestLog(root: PinoLogger, request: { method: string; path: string; requestId?: string | undefined }): RequestLog {
  const requestId = request.requestId && CALLER_REQUEST_ID.test(request.requestId) ? request.requestId : randomBytes(8).toString('hex');
  const log = root.child({ requestId });
  const started = performance.now();
  return {
    requestId,
    log,
    finish(status, route) {
      const level = status >= 500 ? 'error' : 'info';
      if (!log.isLevelEnabled(level)) return;
      const fields = { method: request.method, path: request.path.split('?')[0], ...(route ? { route } : {}), status, durationMs: Math.round((performance.now() - started) * 10) / 10 };
      log[level]('request', fields);
    },
  };
}
