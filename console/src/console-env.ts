import type { ConsoleSession } from './console-session.js';

/** Hono variables of the console's routes. */
export interface ConsoleEnv {
  Variables: {
    /** The signed-in session, set by `requireRole`. */
    consoleSession: ConsoleSession & { role: NonNullable<ConsoleSession['role']> };
  };
}
