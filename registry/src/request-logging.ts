import { getPath } from 'hono/utils/url';
import { startRequestLog, type PinoLogger, type RequestLog } from '@ply/core/logging';
import type { RegistryApp, RequestState } from './registry-context.js';

/** `npm logout` puts the token it revokes in the path: it never reaches the log. */
function loggedPath(path: string): string {
  return path.startsWith('/-/user/token/') ? '/-/user/token/[REDACTED]' : path;
}

/** What startRequestLog reads of a request: the path only when the line is written. */
class LoggedRequest {
  readonly requestId: string | undefined;

  constructor(private readonly request: Request) {
    this.requestId = request.headers.get('x-request-id') ?? undefined;
  }

  get method(): string {
    return this.request.method;
  }

  get path(): string {
    return loggedPath(getPath(this.request));
  }
}

/** A request's state (`c.env`); its child logger is made only when a route logs something. */
class EdgeState implements RequestState {
  route?: string;
  requestIdSent?: boolean;

  constructor(private readonly requestLog: RequestLog) {}

  get log(): PinoLogger {
    return this.requestLog.log;
  }

  get requestId(): string {
    return this.requestLog.requestId;
  }

  /** Adds the request id (unless the answer has it) and writes the request's line. */
  finish(response: Response): Response {
    if (!this.requestIdSent) response.headers.set('x-request-id', this.requestId);
    this.requestLog.finish(response.status, this.route);
    return response;
  }
}

/**
 * The registry's HTTP edge: each request gets a pino child logger (`c.env.log`, carrying the
 * request id, which is also answered as `x-request-id`), and one line is logged when it ends,
 * with its route, status and duration. Classes, not object literals with getters: this runs for
 * every packument answer, which takes about 100 µs.
 */
export function loggedFetch(app: RegistryApp, root: PinoLogger): (request: Request) => Response | Promise<Response> {
  return (request) => {
    const state = new EdgeState(startRequestLog(root, new LoggedRequest(request)));
    const answer = app.fetch(request, state);
    return answer instanceof Promise ? answer.then((response) => state.finish(response)) : state.finish(answer);
  };
}
