import { randomUUID } from 'node:crypto';
import type { DependencyContainer } from 'tsyringe';
import { PlyError, toPlyError } from '../errors/ply-error.js';
import { FILE_STORE, ROOT_LOGGER, RUN_LOGGER, SETTINGS, TEMPLATE_ENGINE } from '../di/service-tokens.js';
import { resolveToken } from '../di/tokens.js';
import type { Redactor } from '../logging/redactor.js';
import { declaresFileResults, hasFileReference, moveLargeResultsToFiles, resolveArgumentFiles } from './file-references.js';
import type { ItemPreparer } from './item-preparer.js';
import { buildRunContext } from './run-context.js';
import type { RateLimit } from './run-scope.js';
import { runWithTimeout } from './run-with-timeout.js';
import { secretKeysOf, secretValuesOf } from './secret-keys.js';
import { linkSignal } from './signals.js';
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

/**
 * Runs installed actions: prepare (find, configuration, secrets) as every item kind does, render,
 * validate, run under a deadline, validate results. Every failure rejects with a PlyError whose
 * message and details hold no secret.
 */
export class ActionExecutor {
  constructor(
    private readonly root: DependencyContainer,
    private readonly items: ItemPreparer,
  ) {}

  async run(request: ActionRunRequest): Promise<ActionRunResult> {
    const started = performance.now();
    // How to hide this run's secrets from an error; built only when an error happens.
    let redactor: (() => Redactor) | undefined;
    try {
      const { module, item, implementation } = await this.items.find('action', request.action, request.version);
      const rawConfiguration = request.configuration ?? {};
      redactor = () => resolveToken(this.root, ROOT_LOGGER).redactor.with(secretValuesOf(rawConfiguration, secretKeysOf(module.manifest.configuration)));
      const shared = this.items.configurationScope(module, rawConfiguration, request.rateLimit);

      // Validation applies schema defaults in place: work on a copy, never on the caller's object
      // (rendering already returns one).
      const requested = request.arguments ?? {};
      let args = request.templateContext
        ? (resolveToken(this.root, TEMPLATE_ENGINE).renderValue(requested, request.templateContext, {
            // A lone {{ expr }} keeps its JSON type, except where the argument must be a string.
            textAt: (pointer) => acceptsOnlyStrings(item.arguments, pointer),
          }) as Record<string, unknown>)
        : structuredClone(requested);
      const logger = this.items.argumentLogger(shared.logger, item, args);
      redactor = () => logger.redactor;

      const runId = request.runId ?? randomUUID();
      const controller = new AbortController();
      const unlink = linkSignal(request.signal, controller);
      const settings = resolveToken(this.root, SETTINGS);
      const moduleRef = { slug: module.manifest.slug, version: module.manifest.version };
      const scope = this.items.runScopes.runScope(shared.container, {
        runId,
        module: moduleRef.slug,
        logger,
        bindings: { runId, module: moduleRef.slug, action: item.slug, version: moduleRef.version },
        signal: controller.signal,
        userAgent: `ply/${settings.coreVersion} ${moduleRef.slug}/${moduleRef.version}`,
        ...(request.dataDir ? { dataDir: request.dataDir } : {}),
      });
      const files = () => resolveToken(scope, FILE_STORE);
      try {
        if (hasFileReference(args)) args = await resolveArgumentFiles(args, item.arguments, files());
        this.items.validate(item, 'arguments', args, 'PLY_ARGUMENTS_INVALID');
        const context = buildRunContext(scope, { runId, configuration: shared.configuration, signal: controller.signal, module: moduleRef });
        const what = `action ${moduleRef.slug}.${item.slug}`;
        const timeoutMs = request.timeoutMs ?? settings.defaultTimeoutMs;
        let results: unknown = await runWithTimeout(() => implementation.run(context, args), { timeoutMs, controller, what });
        results = results === undefined || results === null ? {} : results;
        this.items.validate(item, 'results', results, 'PLY_RESULTS_INVALID');
        if (declaresFileResults(item.results)) results = await moveLargeResultsToFiles(results, item.results, files(), settings.largeValueBytes);
        const durationMs = performance.now() - started;
        if (logger.isLevelEnabled('debug')) resolveToken(scope, RUN_LOGGER).debug('action finished', { durationMs });
        return { runId, module: moduleRef, action: { slug: item.slug, uuid: item.uuid, name: item.name }, arguments: args, results, durationMs };
      } catch (error) {
        const failure = toPlyError(error);
        resolveToken(scope, RUN_LOGGER).info('action failed', { code: failure.code, error: failure.message });
        throw failure;
      } finally {
        unlink();
      }
    } catch (error) {
      throw redactError(toPlyError(error), redactor?.());
    }
  }
}

/** The error without secrets; the cause is dropped on purpose: a vendor or network error may quote one. */
export function redactError(error: PlyError, redactor: Redactor | undefined): PlyError {
  if (!redactor) return error;
  return new PlyError(error.code, redactor.redactString(error.message), { details: redactor.redact(error.details) });
}
