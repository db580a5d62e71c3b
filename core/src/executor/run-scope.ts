// tsyringe checks for the Reflect polyfill when it loads: every module importing tsyringe values
// imports the polyfill first, so the order holds in any bundle chunk too.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DependencyContainer } from 'tsyringe';
import type { LoadedModule } from '../contracts/manifest.js';
import { NodeHttpClient } from '../http/node-http-client.js';
import { hostPolicy } from '../http/host-policy.js';
import type { ConnectionPolicy, HttpClient } from '../contracts/http.js';
import type { FileStore } from '../contracts/file-store.js';
import type { Cancellation } from '../http/cancellation.js';
import type { HttpHostPolicySettings } from '../di/settings.js';
import { RateLimiter } from '../http/rate-limiter.js';
import { DirectoryFileStore } from '../files/directory-file-store.js';
import type { PinoLogger } from '../logging/pino-logger.js';
import { MODULE_CONFIGURATION, RATE_LIMITER, SETTINGS } from '../di/service-tokens.js';
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
  /**
   * The account's HTTP client (its rate limiter, retry policy, user agent and connection policy),
   * made on first use and shared by its runs, each through {@link NodeHttpClient.forRun}.
   */
  http(): NodeHttpClient;
}

/** Builds a configuration scope's contents; throws when the configuration is invalid. */
export type ConfigurationPreparer = () => { configuration: Record<string, unknown>; logger: PinoLogger; rateLimit: RateLimit | undefined };

/** What one run is: its id, logger, where its files go, what cancels it. */
export interface RunDescription {
  runId: string;
  /** The logger of the run's lines before its bindings (it hides the run's secrets). */
  logger: PinoLogger;
  bindings: Record<string, unknown>;
  /** What cancels the run (a {@link RunAbort}, whose signal is made on first read). */
  abort: Cancellation;
  /** The run's data folder (default `$PLY_HOME/runs/<runId>`). */
  dataDir?: string | undefined;
}

/**
 * What one run's context is built from. A plain object rather than a child container: a run
 * needs three services, each made the first time the code reads it (most small actions touch
 * only some), and a tsyringe child container with its registrations and resolutions cost a run
 * more than its templates did.
 */
export class RunScope {
  #logger: PinoLogger | undefined;
  #files: FileStore | undefined;
  #http: HttpClient | undefined;

  constructor(
    private readonly shared: ConfigurationScope,
    private readonly run: RunDescription,
    private readonly home: () => string,
  ) {}

  get logger(): PinoLogger {
    return (this.#logger ??= this.run.logger.child(this.run.bindings));
  }

  /** The run's signal (made on first read, see {@link RunAbort}). */
  get signal(): AbortSignal {
    return this.run.abort.signal;
  }

  get files(): FileStore {
    return (this.#files ??= new DirectoryFileStore(this.run.dataDir ?? join(this.home(), 'runs', this.run.runId)));
  }

  get http(): HttpClient {
    // The retry lines' logger is made on their first line: a run without retries never logs through it (a pino child, 2.3 µs).
    return (this.#http ??= this.shared.http().forRun({ cancel: this.run.abort, logger: () => this.logger }));
  }
}

/**
 * Child containers, one per module configuration: its runs share a rate limiter, an HTTP client,
 * the validated configuration and a redacting logger. Configuration scopes are cached by the
 * configuration object itself (callers pass accounts as immutable values) and, for a new object,
 * by a hash of its content, in a bounded cache. Each run gets a {@link RunScope} beneath one.
 */
export class RunScopes {
  private readonly byObject = new WeakMap<object, WeakMap<LoadedModule, Map<string, ConfigurationScope>>>();
  private readonly byHash = new Map<string, ConfigurationScope>();
  /** The host policy built from the settings, once (its agents are shared by every run it governs). */
  private readonly policies = new WeakMap<HttpHostPolicySettings, ConnectionPolicy>();
  private readonly home = () => resolveToken(this.root, SETTINGS).home;

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
    // Found by object identity first: the module object, the configuration object, the rate limit.
    const limitKey = rateLimit ? `${rateLimit.maxRequests}/${rateLimit.perMs}` : '';
    let perObject = this.byObject.get(raw);
    const cached = perObject?.get(module)?.get(limitKey);
    if (cached) return cached;
    const moduleKey = `${module.dir}\0${module.manifest.version}\0${JSON.stringify(rateLimit ?? null)}`;
    const hash = createHash('sha256').update(`${moduleKey}\0${JSON.stringify(raw)}`).digest('base64');
    let scope = this.byHash.get(hash);
    if (!scope) {
      const prepared = prepare();
      const container = this.root.createChildContainer();
      provideValue(container, MODULE_CONFIGURATION, prepared.configuration);
      const limit = rateLimit ?? prepared.rateLimit;
      // tsyringe ignores a `useValue` of null, so "no limit" is simply not registered.
      if (limit) provideValue(container, RATE_LIMITER, new RateLimiter(limit));
      let http: NodeHttpClient | undefined;
      const slug = module.manifest.slug;
      const userAgent = `ply/${resolveToken(this.root, SETTINGS).coreVersion} ${slug}/${module.manifest.version}`;
      const logger = prepared.logger;
      scope = {
        container,
        configuration: prepared.configuration,
        logger,
        http: () => (http ??= this.httpClient(container, slug, userAgent, logger)),
      };
      if (this.byHash.size >= MAX_CACHED_SCOPES) this.byHash.delete(this.byHash.keys().next().value!);
      this.byHash.set(hash, scope);
    }
    if (!perObject) this.byObject.set(raw, (perObject = new WeakMap()));
    let perModule = perObject.get(module);
    if (!perModule) perObject.set(module, (perModule = new Map()));
    perModule.set(limitKey, scope);
    return scope;
  }

  /** The per-run scope beneath a configuration scope. */
  runScope(parent: ConfigurationScope, run: RunDescription): RunScope {
    return new RunScope(parent, run, this.home);
  }

  /** An account's HTTP client; each run sends through it with its own signal and logger. */
  private httpClient(container: DependencyContainer, module: string, userAgent: string, logger: PinoLogger): NodeHttpClient {
    const settings = resolveToken(container, SETTINGS);
    const connectionPolicy = this.connectionPolicyOf(module, settings.httpHostPolicy);
    return new NodeHttpClient({
      logger,
      ...(container.isRegistered(RATE_LIMITER, true) ? { rateLimiter: resolveToken(container, RATE_LIMITER) } : {}),
      userAgent,
      ...(settings.httpRetry ? { retry: settings.httpRetry } : {}),
      ...(connectionPolicy ? { connectionPolicy } : {}),
    });
  }
}
