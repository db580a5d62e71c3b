import { randomBytes } from 'node:crypto';
import type { PinoLogger } from './pino-logger.js';

/** A request id from the caller is kept when it is short and plain; otherwise one is made. */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Request ids of this process: a random prefix, then a sequence number. */
const PROCESS_PREFIX = randomBytes(4).toString('hex');
let sequence = 0;

/**
 * 16 hex digits, unique in the process and, by its random prefix, across processes. An id names
 * a request in the logs and is no secret; drawing 8 random bytes per request cost about 8 µs, a
 * tenth of a packument answer.
 */
function newRequestId(): string {
  sequence = (sequence + 1) % 0x1_0000_0000;
  return PROCESS_PREFIX + sequence.toString(16).padStart(8, '0');
}

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
  const requestId = request.requestId && CALLER_REQUEST_ID.test(request.requestId) ? request.requestId : newRequestId();
  return new PendingRequestLog(root, request, requestId);
}

/** A class rather than an object literal with a getter: a packument answer takes about 100 µs, and this runs for each. */
class PendingRequestLog implements RequestLog {
  private readonly started = performance.now();
  // Made on first use: most requests log nothing but their last line, which the level often skips.
  private child: PinoLogger | undefined;

  constructor(
    private readonly root: PinoLogger,
    /** Read only when the line is written (a caller may compute the path lazily). */
    private readonly request: { method: string; path: string },
    readonly requestId: string,
  ) {}

  get log(): PinoLogger {
    return (this.child ??= this.root.child({ requestId: this.requestId }));
  }

  finish(status: number, route: string | undefined): void {
    const level = status >= 500 ? 'error' : 'info';
    if (!this.root.isLevelEnabled(level)) return;
    const fields = { method: this.request.method, path: this.request.path.split('?')[0], ...(route ? { route } : {}), status, durationMs: Math.round((performance.now() - this.started) * 10) / 10 };
    this.log[level]('request', fields);
  }
}
