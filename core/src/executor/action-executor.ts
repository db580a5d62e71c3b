import { randomUUID } from 'node:crypto';
import type { DependencyContainer } from 'tsyringe';
import type { ActionContext } from '../contracts/context.js';
import type { LoadedModule, ModuleItem } from '../contracts/manifest.js';
import { PlyError, toPlyError, type PlyIssue } from '../errors/ply-error.js';
import { MODULE_CATALOG, PLUGIN_CODE, ROOT_LOGGER, SCHEMA_COMPILER, SETTINGS, TEMPLATE_ENGINE, FILE_STORE, HTTP_CLIENT, RUN_LOGGER } from '../di/service-tokens.js';
import { resolveToken } from '../di/tokens.js';
import type { Redactor } from '../logging/redactor.js';
import { declaresFileResults, hasFileReference, moveLargeResultsToFiles, resolveArgumentFiles } from './file-references.js';
import { RunScopes, type RateLimit } from './run-scope.js';
import { runWithTimeout } from './run-with-timeout.js';
import { secretKeysOf, secretValuesOf } from './secret-keys.js';
import { acceptsOnlyStrings } from './string-only-schema.js';

/** One action run, as asked by the CLI, the API or a playbook node. */
export interface ActionRunRequest {
  /** `<module slug>.<action slug>`, a uuid, or `<module slug>.<uuid>`. */
  action: string;
  /** Semver range of the module version (default: the highest known). */
  version?: string;
  arguments?: Record<string, unknown>;
  /** Module configuration (account), secrets included. */
  configuration?: Record<string, unknown>;
  /** When given, string arguments are rendered as Jinja templates against it (`trigger`, `node`, `store`...). */
  templateContext?: Record<string, unknown>;
  timeoutMs?: number;
  signal?: AbortSignal;
  runId?: string;
  /** The run's data folder (default `$PLY_HOME/runs/<runId>`). */
  dataDir?: string;
  rateLimit?: RateLimit;
}

export interface ActionRunResult {
  runId: string;
  module: { slug: string; version: string };
  action: { slug: string; uuid: string; name: string };
  /** The arguments the action ran with: rendered, files resolved, defaults applied (secrets included: mask before storing). */
  arguments: Record<string, unknown>;
  results: unknown;
  durationMs: number;
}

function describeIssues(what: string, issues: PlyIssue[]): string {
  const listed = issues.slice(0, 5).map((issue) => `${issue.pointer || '/'} ${issue.message}`);
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return `${what}: ${listed.join('; ')}${more}`;
}

/**
 * Runs installed actions: resolve, render, validate, run under a deadline, validate results.
 * Every failure rejects with a PlyError whose message and details hold no secret.
 */
export class ActionExecutor {
  private readonly scopes: RunScopes;

  constructor(private readonly root: DependencyContainer) {
    this.scopes = new RunScopes(root);
  }

  async run(request: ActionRunRequest): Promise<ActionRunResult> {
    const started = performance.now();
    // How to hide this run's secrets from an error; built only when an error happens.
    let redactor: (() => Redactor) | undefined;
    try {
      const catalog = resolveToken(this.root, MODULE_CATALOG);
      const { module, item } = catalog.find('action', request.action, request.version);
      if (module.engineMismatch) throw new PlyError('PLY_ENGINE_MISMATCH', module.engineMismatch, { details: { module: module.manifest.slug } });
      const implementation = await resolveToken(this.root, PLUGIN_CODE).implementation(module, 'action', item.docker);

      const rawConfiguration = request.configuration ?? {};
      redactor = () => resolveToken(this.root, ROOT_LOGGER).redactor.with(secretValuesOf(rawConfiguration, secretKeysOf(module.manifest.configuration)));
      const shared = this.scopes.configurationScope(module, rawConfiguration, request.rateLimit, () => this.prepareConfiguration(module, rawConfiguration));
      const { configuration } = shared;

      // Validation applies schema defaults in place: work on a copy, never on the caller's object
      // (rendering already returns one).
      const requested = request.arguments ?? {};
      let args = request.templateContext
        ? (resolveToken(this.root, TEMPLATE_ENGINE).renderValue(requested, request.templateContext, {
            // A lone {{ expr }} keeps its JSON type, except where the argument must be a string.
            textAt: (pointer) => acceptsOnlyStrings(item.arguments, pointer),
          }) as Record<string, unknown>)
        : structuredClone(requested);
      const argumentSecrets = secretKeysOf(item.arguments);
      const logger = argumentSecrets.length > 0 ? shared.logger.withSecrets(secretValuesOf(args, argumentSecrets), argumentSecrets) : shared.logger;
      redactor = () => logger.redactor;

      const runId = request.runId ?? randomUUID();
      const controller = new AbortController();
      const unlink = linkSignal(request.signal, controller);
      const scope = this.scopes.runScope(shared.container, {
        runId,
        logger,
        bindings: { runId, module: module.manifest.slug, action: item.slug, version: module.manifest.version },
        signal: controller.signal,
        userAgent: `ply/${resolveToken(this.root, SETTINGS).coreVersion} ${module.manifest.slug}/${module.manifest.version}`,
        ...(request.dataDir ? { dataDir: request.dataDir } : {}),
      });
      const files = () => resolveToken(scope, FILE_STORE);
      const runLogger = () => resolveToken(scope, RUN_LOGGER);
      try {
        if (hasFileReference(args)) args = await resolveArgumentFiles(args, item.arguments, files());
        this.validate(item.arguments, args, item, 'arguments', 'PLY_ARGUMENTS_INVALID');
        const context: ActionContext = {
          runId,
          config: configuration,
          get log() {
            return runLogger();
          },
          get http() {
            return resolveToken(scope, HTTP_CLIENT);
          },
          signal: controller.signal,
          get files() {
            return files();
          },
          module: { slug: module.manifest.slug, version: module.manifest.version },
        };
        const what = `action ${module.manifest.slug}.${item.slug}`;
        const timeoutMs = request.timeoutMs ?? resolveToken(this.root, SETTINGS).defaultTimeoutMs;
        let results: unknown = await runWithTimeout(() => implementation.run(context, args), { timeoutMs, controller, what });
        results = results === undefined || results === null ? {} : results;
        this.validate(item.results, results, item, 'results', 'PLY_RESULTS_INVALID');
        if (declaresFileResults(item.results)) results = await moveLargeResultsToFiles(results, item.results, files(), resolveToken(this.root, SETTINGS).largeValueBytes);
        const durationMs = performance.now() - started;
        if (logger.isLevelEnabled('debug')) runLogger().debug('action finished', { durationMs });
        return {
          runId,
          module: { slug: module.manifest.slug, version: module.manifest.version },
          action: { slug: item.slug, uuid: item.uuid, name: item.name },
          arguments: args,
          results,
          durationMs,
        };
      } catch (error) {
        const failure = toPlyError(error);
        runLogger().info('action failed', { code: failure.code, error: failure.message });
        throw failure;
      } finally {
        unlink();
      }
    } catch (error) {
      throw redactError(toPlyError(error), redactor?.());
    }
  }

  /** Validates a configuration once for all the runs that share it, and makes its redacting logger. */
  private prepareConfiguration(module: LoadedModule, raw: Record<string, unknown>) {
    const configuration = this.validatedConfiguration(module, raw);
    const secretKeys = secretKeysOf(module.manifest.configuration);
    const logger = resolveToken(this.root, ROOT_LOGGER).withSecrets(secretValuesOf(configuration, secretKeys), secretKeys);
    return { configuration, logger, rateLimit: this.rateLimitOf(configuration) };
  }

  private validatedConfiguration(module: LoadedModule, configuration: Record<string, unknown>): Record<string, unknown> {
    const schema = module.manifest.configuration;
    const validator = resolveToken(this.root, SCHEMA_COMPILER).validator(schema, { file: `${module.dir}/manifest.json`, pointer: '/configuration' });
    const copy = structuredClone(configuration);
    const issues = validator(copy);
    if (issues.length > 0) {
      const secrets = new Set(secretKeysOf(schema));
      const named = issues.map((issue) => {
        const key = issue.pointer.split('/')[1] ?? '';
        return secrets.has(key) && issue.message.startsWith('required') ? { ...issue, message: `required secret "${key}" is missing` } : issue;
      });
      throw new PlyError('PLY_CONFIGURATION_INVALID', describeIssues(`configuration of ${module.manifest.slug} is invalid`, named), { details: { issues: named } });
    }
    return copy;
  }

  private validate(schema: ModuleItem['arguments'], data: unknown, item: ModuleItem, part: 'arguments' | 'results', code: 'PLY_ARGUMENTS_INVALID' | 'PLY_RESULTS_INVALID'): void {
    const validator = resolveToken(this.root, SCHEMA_COMPILER).validator(schema, { file: item.file, pointer: `/${part}` });
    const issues = validator(data);
    if (issues.length > 0) throw new PlyError(code, describeIssues(`${part} of ${item.slug} do not match the schema`, issues), { details: { issues } });
  }

  /** Sekoia connectors carry `ratelimit_per_minute` in their configuration; honour it. */
  private rateLimitOf(configuration: Record<string, unknown>): RateLimit | undefined {
    const perMinute = configuration['ratelimit_per_minute'];
    if (typeof perMinute === 'number' && perMinute > 0) return { maxRequests: perMinute, perMs: 60_000 };
    return resolveToken(this.root, SETTINGS).defaultRateLimit;
  }
}

function linkSignal(external: AbortSignal | undefined, controller: AbortController): () => void {
  if (!external) return () => {};
  if (external.aborted) {
    controller.abort(external.reason);
    return () => {};
  }
  const abort = () => controller.abort(external.reason);
  external.addEventListener('abort', abort, { once: true });
  return () => external.removeEventListener('abort', abort);
}

function redactError(error: PlyError, redactor: Redactor | undefined): PlyError {
  if (!redactor) return error;
  // The cause is dropped on purpose: a vendor or network error may quote a secret.
  return new PlyError(error.code, redactor.redactString(error.message), { details: redactor.redact(error.details) });
}
