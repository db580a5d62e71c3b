import type { Context, Env, Hono } from 'hono';

/** The first path segments the web console answers; every other path stays with the API app. */
export const CONSOLE_PATHS = ['/sign-in', '/sign-out', '/accounts', '/run', '/executions', '/marketplace', '/playbooks'] as const;

/**
 * Mounts the web console on `app` without loading it: its code (pages, forms, hono/jsx) is
 * imported on the first request to one of its paths, so `ply serve` starts and answers webhooks
 * without paying for it.
 */
export function mountConsoleLazily<E extends Env & { Variables: { log: unknown } }>(app: Hono<E>, load: () => Promise<{ fetch: (request: Request, env: object) => Response | Promise<Response> }>): void {
  let loading: ReturnType<typeof load> | undefined;
  // The request's child logger goes along, so the console logs under the same request id.
  const handler = async (c: Context<E>) => (await (loading ??= load())).fetch(c.req.raw, { ...(c.env as object), log: c.var.log });
  app.all('/', handler);
  for (const path of CONSOLE_PATHS) {
    app.all(path, handler);
    app.all(`${path}/*`, handler);
  }
}
