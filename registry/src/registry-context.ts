import type { Context, Hono } from 'hono';
import type { TarballLimits } from '@ply/installer/package-format';
import type { PinoLogger } from '@ply/core/logging';
import type { AccessPolicy } from './access-policy.js';
import type { RegistryAccounts } from './accounts/registry-accounts.js';
import type { KeyedLock } from './keyed-lock.js';
import type { ModuleBrowser } from './module-browsing.js';
import type { PackumentCache } from './packument-cache.js';
import type { RegistryStorage } from './registry-storage.js';
import type { SigningKeys } from './signing-keys.js';
import type { SlugIndex } from './slug-index.js';

/**
 * What each request carries, as Hono's `c.env`: its child logger, its id (also answered as
 * `x-request-id`) and the route that answered, for the request's log line.
 */
export interface RequestState {
  readonly log: PinoLogger;
  readonly requestId: string;
  route?: string;
  /** Set by {@link plainResponse}, which puts `x-request-id` in the answer itself. */
  requestIdSent?: boolean;
}

export type RegistryEnv = { Bindings: RequestState };
export type RegistryApp = Hono<RegistryEnv>;
export type RegistryContext = Context<RegistryEnv>;
export type RegistryHandler = (c: RegistryContext) => Response | Promise<Response>;

/**
 * Registers a route whose handler notes its path for the request log. The log is written around
 * `app.fetch` rather than by a Hono middleware: one middleware on every route takes Hono off its
 * single-handler path and costs a packument answer about a fifth of its rate.
 */
export function route(app: RegistryApp, method: string | string[], path: string, handler: RegistryHandler): void {
  app.on([method].flat(), path, (c: RegistryContext) => {
    c.env.route = path;
    return handler(c);
  });
}

/** The registry's services, shared by its routes. */
export interface RegistryServices {
  storage: RegistryStorage;
  keys: SigningKeys;
  accounts: RegistryAccounts;
  policy: AccessPolicy;
  cache: PackumentCache;
  browser: ModuleBrowser;
  slugs: SlugIndex;
  /** Publishes, tag and owner changes of one package (and claims of one slug) never interleave. */
  lock: KeyedLock;
  limits: TarballLimits;
  coreVersion: string;
}

/**
 * An answer with plain headers, `x-request-id` included: for packuments and tarballs, what
 * installs ask for most. @hono/node-server writes such a response without building a Headers
 * object, which `c.body(...)` with two headers or more, or setting a header afterwards, costs.
 */
export function plainResponse(c: RegistryContext, body: ConstructorParameters<typeof Response>[0], status: number, headers: Record<string, string>): Response {
  c.env.requestIdSent = true;
  return new Response(body, { status, headers: { ...headers, 'x-request-id': c.env.requestId } });
}
