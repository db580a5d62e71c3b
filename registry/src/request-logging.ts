import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { startRequestLog, type PinoLogger } from '@ply/core/logging';
import type { RegistryVariables } from './registry-context.js';

/** `npm logout` puts the token it revokes in the path: it never reaches the log. */
function loggedPath(path: string): string {
  return path.startsWith('/-/user/token/') ? '/-/user/token/[REDACTED]' : path;
}

/**
 * The registry's HTTP edge: a pino child logger per request (`c.var.log`, with the request id,
 * also answered as `x-request-id`) and one line per request with its route, status and duration.
 */
export function registryRequestLogging(root: PinoLogger): MiddlewareHandler<{ Variables: RegistryVariables }> {
  return async (c, next) => {
    const request = startRequestLog(root, { method: c.req.method, path: loggedPath(c.req.path), requestId: c.req.header('x-request-id') });
    c.set('log', request.log);
    c.set('requestId', request.requestId);
    try {
      await next();
    } finally {
      c.header('x-request-id', request.requestId);
      // After next(), the route index is the handler that answered (several routes may match a path).
      request.finish(c.res.status, routePath(c));
    }
  };
}
