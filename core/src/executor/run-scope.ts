// tsyringe checks for the Reflect polyfill when it loads: every module importing tsyringe values
// imports the polyfill first, so the order holds in any bundle chunk too.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { instanceCachingFactory, type DependencyContainer } from 'tsyringe';
import type { LoadedModule } from '../contracts/manifest.js';
import { NodeHttpClient } from '../http/node-http-client.js';
import { hostPolicy } from '../http/host-policy.js';
import type { ConnectionPolicy } from '../contracts/http.js';
import type { HttpHostPolicySettings } from '../di/settings.js';
import { RateLimiter } from '../http/rate-limiter.js';
import { deferredLogger } from '../logging/deferred-logger.js';
import { DirectoryFileStore } from '../files/directory-file-store.js';
import type { PinoLogger } from '../logging/pino-logger.js';
import { FILE_STORE, HTTP_CLIENT, MODULE_CONFIGURATION, RATE_LIMITER, RUN_ID, RUN_LOGGER, RUN_SIGNAL, SETTINGS } from '../di/service-tokens.js';
import { provideValue, resolveToken } from '../di/tokens.js';

export interface RateLimit {
  maxRequests: number;
  perMs: number;
}

const MAX_CACHED_SCOPES = 200;

/** What the runs of one module configuration share. */
export interface ConfigurationScope {
  container: DependencyContainer;
  /** Validated, defaults applied, secrets included. */
  configuration: Record<string, unknown>;
  /** Hides this configuration's secrets. */
  logger: PinoLogger;
}

/** Builds a configuration scope's contents; throws when the configuration is invalid. */
export type ConfigurationPreparer = () => { configuration: Record<string, unknown>; logger: PinoLogger; rateLimit: RateLimit | undefined };

/**
 * Child containers: one per module configuration (its runs share a rate limiter, the validated
 * configuration and a redacting logger), and one per run beneath it. Configuration scopes are
 * cached by the configuration object itself (callers pass accounts as immutable values) and, for
 * a new object, by a hash of its content, in a bounded cache.
 */
export class RunScopes {
  private readonly byObject = new WeakMap<object, Map<string, ConfigurationScope>>();
  private readonly byHash = new Map<string, ConfigurationScope>();
  /** The host policy built from the settings, once (its agents are shared by every run it governs). */
  private readonly policies = new WeakMap<HttpHostPolicySettings, ConnectionPolicy>();

  constructor(private readonly root: DependencyContainer) {}

  /** The connection policy of a module's HTTP clients, when the settings restrict that module. */
  private connectionPolicyOf(module: string, settings: HttpHostPolicySettings | undefined): ConnectionPolicy | undefined {
    if (!settings || !(settings.modules.includes(module) || settings.modules.includes('*'))) return undefined;
    let policy = this.policies.get(settings);
    if (!policy) {
      policy = hostPolicy({ allow: settings.allow, deny: settings.deny, ...(settings.lookup ? { lookup: settings.lookup } : {}) });
      this.policies.set(settings, policy);
    }
    return policy;
  }

  configurationScope(module: LoadedModule, raw: Record<string, unknown>, rateLimit: RateLimit | undefined, prepare: ConfigurationPreparer): ConfigurationScope {
    const moduleKey = `${module.dir}\0${module.manifest.version}\0${JSON.stringify(rateLimit ?? null)}`;
    let perObject = this.byObject.get(raw);
    const cached = perObject?.get(moduleKey);
    if (cached) return cached;
    const hash = createHash('sha256').update(`${moduleKey}\0${JSON.stringify(raw)}`).digest('base64');
    let scope = this.byHash.get(hash);
    if (!scope) {
      const prepared = prepare();
      const container = this.root.createChildContainer();
      provideValue(container, MODULE_CONFIGURATION, prepared.configuration);
      const limit = rateLimit ?? prepared.rateLimit;
      // tsyringe ignores a `useValue` of null, so "no limit" is simply not registered.
      if (limit) provideValue(container, RATE_LIMITER, new RateLimiter(limit));
      scope = { container, configuration: prepared.configuration, logger: prepared.logger };
      if (this.byHash.size >= MAX_CACHED_SCOPES) this.byHash.delete(this.byHash.keys().next().value!);
      this.byHash.set(hash, scope);
    }
    if (!perObject) this.byObject.set(raw, (perObject = new Map()));
    perObject.set(moduleKey, scope);
    return scope;
  }

  /**
   * The per-run container. The logger, file store and HTTP client are built on first use:
   * most runs of a small action touch only some of them.
   */
  runScope(
    parent: DependencyContainer,
    run: { runId: string; module: string; logger: PinoLogger; bindings: Record<string, unknown>; signal: AbortSignal; dataDir?: string; userAgent: string },
  ): DependencyContainer {
    const scope = parent.createChildContainer();
    provideValue(scope, RUN_ID, run.runId);
    provideValue(scope, RUN_SIGNAL, run.signal);
    scope.register(RUN_LOGGER, { useFactory: instanceCachingFactory(() => run.logger.child(run.bindings)) });
    scope.register(FILE_STORE, {
      useFactory: instanceCachingFactory((c) => new DirectoryFileStore(run.dataDir ?? join(resolveToken(c, SETTINGS).home, 'runs', run.runId))),
    });
    scope.register(HTTP_CLIENT, {
      useFactory: instanceCachingFactory((c) => {
        const settings = resolveToken(c, SETTINGS);
        const connectionPolicy = this.connectionPolicyOf(run.module, settings.httpHostPolicy);
        return new NodeHttpClient({
          // Made on its first line: a run without retries never logs through it (a pino child, 2.3 µs).
          logger: deferredLogger(() => resolveToken(c, RUN_LOGGER)),
          ...(c.isRegistered(RATE_LIMITER, true) ? { rateLimiter: resolveToken(c, RATE_LIMITER) } : {}),
          signal: resolveToken(c, RUN_SIGNAL),
          userAgent: run.userAgent,
          ...(settings.httpRetry ? { retry: settings.httpRetry } : {}),
          ...(connectionPolicy ? { connectionPolicy } : {}),
        });
      }),
    });
    return scope;
  }
}
