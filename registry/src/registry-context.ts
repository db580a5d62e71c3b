import type { Hono } from 'hono';
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

/** What each request carries: its child logger and its id (also sent back as `x-request-id`). */
export interface RegistryVariables {
  log: PinoLogger;
  requestId: string;
}

export type RegistryApp = Hono<{ Variables: RegistryVariables }>;

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
