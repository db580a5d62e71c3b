import type { MiddlewareHandler } from 'hono';

/** Sekoia.io's Bearer auth: 401 with the API's error body unless the key matches. */
export function bearerAuth(apiKey: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${apiKey}`) return c.json({ message: 'Unauthorized', code: 'T300' }, 401);
    return next();
  };
}
