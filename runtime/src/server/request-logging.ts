import { startRequestLog, type PinoLogger } from '@ply/core';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';

/** The variable a request's child logger is kept under (`c.var.log`). */
export interface RequestLogVariables {
  log: PinoLogger;
  requestId: string;
}

/**
 * A pino child logger per request (`c.var.log`, with the request id, also sent back as
 * `x-request-id`), and one line per request with its route, status and duration.
 */
export function requestLogging(root: PinoLogger): MiddlewareHandler<{ Variables: RequestLogVariables }> {
  return async (c, next) => {
    const request = startRequestLog(root, { method: c.req.method, path: c.req.path, requestId: c.req.header('x-request-id') });
    c.set('log', request.log);
    c.set('requestId', request.requestId);
    try {
      await next();
    } finally {
      c.header('x-request-id', request.requestId);
      request.finish(c.res.status, routePath(c, -1));
    }
  };
}
