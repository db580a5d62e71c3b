import type { ApiRole } from '../store/api-token-repository.js';
import type { Runtime } from './runtime.js';
import type { RequestLogVariables } from './request-logging.js';

/** Who made a request, once authenticated. */
export interface Caller {
  role: ApiRole;
  /** The token's name, for logs. */
  name: string;
}

/** Hono variables shared by every route of the runtime server (API, webhooks, console). */
export interface ServerEnv {
  Variables: RequestLogVariables & {
    runtime: Runtime;
    /** Set by `requireRole` (or by a console middleware that authenticated another way). */
    caller: Caller | undefined;
  };
}
