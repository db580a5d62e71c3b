import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DependencyContainer } from 'tsyringe';
import type { LoadedModule } from '../contracts/manifest.js';
import { FetchHttpClient } from '../http/fetch-http-client.js';
import { RateLimiter } from '../http/rate-limiter.js';
import { DirectoryFileStore } from '../files/directory-file-store.js';
import type { PinoLogger } from '../logging/pino-logger.js';
import { FILE_STORE, HTTP_CLIENT, MODULE_CONFIGURATION, RATE_LIMITER, RUN_ID, RUN_LOGGER, RUN_SIGNAL, SETTINGS } from '../di/service-tokens.js';
import { provideValue, resolveToken } from '../di/tokens.js';

export interface RateLimit {
  maxRequests: number;
  perMs: number;
}

const MAX_CACHED_SCOPES = 200;

/**
 * Child containers: one per module configuration (so its runs share a rate limiter), kept in a
 * bounded cache keyed by a hash of the configuration, and one per run beneath it.
 */
export class RunScopes {
  private readonly configurationScopes = new Map<string, DependencyContainer>();

  constructor(private readonly root: DependencyContainer) {}

  configurationScope(module: LoadedModule, configuration: Record<string, unknown>, rateLimit: RateLimit | undefined): DependencyContainer {
    const key = createHash('sha256')
      .update(`${module.manifest.slug}@${module.manifest.version}\0${JSON.stringify(configuration)}\0${JSON.stringify(rateLimit ?? null)}`)
      .digest('base64');
    let scope = this.configurationScopes.get(key);
    if (scope) return scope;
    scope = this.root.createChildContainer();
    provideValue(scope, MODULE_CONFIGURATION, configuration);
    // tsyringe ignores a `useValue` of null, so "no limit" is simply not registered.
    if (rateLimit) provideValue(scope, RATE_LIMITER, new RateLimiter(rateLimit));
    if (this.configurationScopes.size >= MAX_CACHED_SCOPES) this.configurationScopes.delete(this.configurationScopes.keys().next().value!);
    this.configurationScopes.set(key, scope);
    return scope;
  }

  runScope(parent: DependencyContainer, run: { runId: string; logger: PinoLogger; signal: AbortSignal; dataDir?: string; userAgent: string }): DependencyContainer {
    const scope = parent.createChildContainer();
    provideValue(scope, RUN_ID, run.runId);
    provideValue(scope, RUN_LOGGER, run.logger);
    provideValue(scope, RUN_SIGNAL, run.signal);
    provideValue(scope, FILE_STORE, new DirectoryFileStore(run.dataDir ?? join(resolveToken(scope, SETTINGS).home, 'runs', run.runId)));
    scope.register(HTTP_CLIENT, {
      useFactory: (c) =>
        new FetchHttpClient({
          logger: resolveToken(c, RUN_LOGGER),
          ...(c.isRegistered(RATE_LIMITER, true) ? { rateLimiter: resolveToken(c, RATE_LIMITER) } : {}),
          signal: resolveToken(c, RUN_SIGNAL),
          userAgent: run.userAgent,
        }),
    });
    return scope;
  }
}
