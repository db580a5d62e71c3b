import type { PinoLogger } from '@ply/core';
import type { Runtime } from '@ply/runtime';
import type { MiddlewareHandler } from 'hono';
import type { ConsoleSession } from './console-session.js';

/** What every console request carries: the child logger of its request (made by the runtime's API app). */
export interface ConsoleRequestEnv {
  Bindings: { log?: PinoLogger };
  Variables: { log: PinoLogger };
}

/** Hono variables of the console's routes. */
export interface ConsoleEnv {
  Bindings: ConsoleRequestEnv['Bindings'];
  Variables: ConsoleRequestEnv['Variables'] & {
    /** The signed-in session, set by `requireRole`. */
    consoleSession: ConsoleSession & { role: NonNullable<ConsoleSession['role']> };
  };
}

/**
 * `c.var.log`: the request's child logger that the runtime app handed over (the console is
 * mounted inside it, which already writes each request's line), or one of its own when the
 * console runs alone (tests).
 */
export function consoleRequestLog(runtime: Runtime): MiddlewareHandler<ConsoleRequestEnv> {
  const own = runtime.ply.logger.child({ component: 'console' });
  return async (c, next) => {
    c.set('log', c.env?.log ?? own);
    await next();
  };
}
