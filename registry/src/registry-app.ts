import { Hono } from 'hono';
import { PlyError } from '@ply/core/errors';
import { createRootLogger, type PinoLogger } from '@ply/core/logging';
import { PLY_CORE_VERSION } from '@ply/core/version';
import { DEFAULT_TARBALL_LIMITS, type TarballLimits } from '@ply/installer/package-format';
import { AccessPolicy } from './access-policy.js';
import { accountRoutes } from './account.routes.js';
import { RegistryAccounts } from './accounts/registry-accounts.js';
import { browseRoutes } from './browse.routes.js';
import { distTagRoutes } from './dist-tag.routes.js';
import { answerError } from './error-answer.js';
import { KeyedLock } from './keyed-lock.js';
import { ModuleBrowser } from './module-browsing.js';
import { packageRoutes } from './package.routes.js';
import { PackumentCache } from './packument-cache.js';
import type { RegistryApp, RegistryServices } from './registry-context.js';
import { RegistryStorage } from './registry-storage.js';
import { loggedFetch } from './request-logging.js';
import { SigningKeys } from './signing-keys.js';
import { SlugIndex } from './slug-index.js';

export interface RegistryOptions {
  /** Folder holding packages, keys and accounts (created if missing). */
  storage: string;
  limits?: Partial<TarballLimits>;
  /** Core version used to load published manifests (their `engines.ply` is not enforced here). */
  coreVersion?: string;
  /** Root logger; each request logs through a child of it (default: stderr at `PLY_LOG_LEVEL`, else warn). */
  logger?: PinoLogger;
}

/** The registry: its entry point, the Hono app behind it, and the services it owns. */
export interface Registry {
  /** Answers one request, logging it (what the HTTP server calls; tests call it too). */
  fetch: (request: Request) => Response | Promise<Response>;
  /** The routes; `app.fetch` needs the request state that {@link fetch} gives it. */
  app: RegistryApp;
  storage: RegistryStorage;
  keys: SigningKeys;
  accounts: RegistryAccounts;
}

/**
 * Builds the registry: the npm protocol subset npm and pnpm use (packument, tarball, publish,
 * dist-tags, owners, search, whoami, login, keys) and Ply's module browsing under `/-/ply/v1/`.
 * Reads are public; writes need a publish token of an owner of the package.
 */
export function createRegistry(options: RegistryOptions): Registry {
  const storage = new RegistryStorage(options.storage);
  const accounts = new RegistryAccounts(options.storage);
  const services: RegistryServices = {
    storage,
    keys: new SigningKeys(options.storage),
    accounts,
    policy: new AccessPolicy(accounts),
    cache: new PackumentCache(storage),
    browser: new ModuleBrowser(storage),
    slugs: new SlugIndex(storage),
    lock: new KeyedLock(),
    limits: { ...DEFAULT_TARBALL_LIMITS, ...options.limits },
    coreVersion: options.coreVersion ?? PLY_CORE_VERSION,
  };
  const app: RegistryApp = new Hono();
  app.onError(answerError);
  app.notFound((c) => answerError(new PlyError('PLY_REGISTRY_ROUTE_NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), c));
  browseRoutes(app, services);
  accountRoutes(app, services);
  distTagRoutes(app, services);
  packageRoutes(app, services);
  return { fetch: loggedFetch(app, options.logger ?? createRootLogger()), app, storage, keys: services.keys, accounts };
}
