import { randomUUID } from 'node:crypto';
import type { DependencyContainer } from 'tsyringe';
import type { JsonSchema } from '../contracts/manifest.js';
import { PlyError, toPlyError } from '../errors/ply-error.js';
import { ROOT_LOGGER, SETTINGS, TEMPLATE_ENGINE } from '../di/service-tokens.js';
import { resolveToken } from '../di/tokens.js';
import type { Redactor } from '../logging/redactor.js';
import type { RunSecrets } from '../logging/run-secrets.js';
import type { PlySettings } from '../di/settings.js';
import type { MarkedValue, RenderValueOptions, TemplateContext, TemplateEngine } from '../templating/template-engine.js';
import { declaresFileResults, hasFileReference, moveLargeResultsToFiles, resolveArgumentFiles } from './file-references.js';
import { selectedOutputs } from './action-outputs.js';
import { copyArguments } from './argument-copy.js';
import type { ItemPreparer } from './item-preparer.js';
import { buildRunContext } from './run-context.js';
import type { RateLimit } from './run-scope.js';
import { RunAbort } from './run-abort.js';
import { runWithTimeout } from './run-with-timeout.js';
import { secretKeysOf, secretValuesOf } from './secret-keys.js';
import { stringOnlyPointers } from './string-only-schema.js';

/**
 * Renders an action's arguments away from the caller's event loop (the runtime's offloaded
 * renderer, which moves heavy templates to a worker thread). `schema` is the action's argument
 * schema: a lone `{{ expr }}` becomes text where it accepts only strings, as in the kernel.
 */
export interface ArgumentRenderer {
  renderArguments(value: Record<string, unknown>, context: TemplateContext, options: { schema: JsonSchema; secrets?: RenderValueOptions['secrets'] }): Promise<MarkedValue>;
}

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
  /**
   * The secrets of the run this action is part of (a playbook's): templates follow them (what an
   * argument derives from one is added to it) and they are masked in this run's logs and errors.
   */
  secrets?: RunSecrets;
  /** Where the templated arguments are rendered (default: here, by the kernel's template engine). */
  renderer?: ArgumentRenderer;
}

export interface ActionRunResult {
  runId: string;
  module: { slug: string; version: string };
  action: { slug: string; uuid: string; name: string };
  /** The arguments the action ran with: rendered, files resolved, defaults applied (secrets included: mask before storing). */
  arguments: Record<string, unknown>;
  results: unknown;
  /** For an action with outputs (Sekoia's branches): whether each one was selected, `{ known: true, unknown: false }`. */
  outputs?: Record<string, boolean>;
  durationMs: number;
}

/**
 * Runs installed actions: prepare (find, configuration, secrets) as every item kind does, render,
 * validate, run under a deadline, validate results. Every failure rejects with a PlyError whose
 * message and details hold no secret.
 */
export class ActionExecutor {
  // Resolved once (fixed when Ply is built): a tsyringe resolution costs about 1 µs.
  private readonly settings: PlySettings;
  private readonly templates: TemplateEngine;

  constructor(
    private readonly root: DependencyContainer,
    private readonly items: ItemPreparer,
  ) {
    this.settings = resolveToken(root, SETTINGS);
    this.templates = resolveToken(root, TEMPLATE_ENGINE);
  }

  async run(request: ActionRunRequest): Promise<ActionRunResult> {
    const started = performance.now();
    // How to hide this run's secrets from an error; built only when an error happens.
    let redactor: (() => Redactor) | undefined;
    try {
      const found = this.items.find('action', request.action, request.version);
      const { module, item, implementation } = found instanceof Promise ? await found : found;
      const rawConfiguration = request.configuration ?? {};
      const runSecrets = request.secrets;
      redactor = () => resolveToken(this.root, ROOT_LOGGER).redactor.with([...secretValuesOf(rawConfiguration, secretKeysOf(module.manifest.configuration)), ...(runSecrets?.learnt() ?? [])]);
      const shared = this.items.configurationScope(module, rawConfiguration, request.rateLimit);

      // Validation applies schema defaults in place: work on a copy, never on the caller's object
      // (rendering already returns one).
      const requested = request.arguments ?? {};
      let args = !request.templateContext
        ? copyArguments(requested)
        : request.renderer
          ? await renderElsewhere(request.renderer, requested, request.templateContext, item.arguments, runSecrets)
          : this.render(requested, request.templateContext, item.arguments, runSecrets);
      const logger = this.items.argumentLogger(shared.logger, item, args, runSecrets?.learnt());
      redactor = () => logger.redactor;

      const runId = request.runId ?? randomUUID();
      const abort = new RunAbort(request.signal);
      const settings = this.settings;
      const moduleRef = { slug: module.manifest.slug, version: module.manifest.version };
      const scope = this.items.runScopes.runScope(shared, {
        runId,
        logger,
        bindings: { runId, module: moduleRef.slug, action: item.slug, version: moduleRef.version },
        abort,
        dataDir: request.dataDir,
      });
      try {
        if (hasFileReference(args)) args = await resolveArgumentFiles(args, item.arguments, scope.files);
        this.items.validate(item, 'arguments', args, 'PLY_ARGUMENTS_INVALID');
        const context = buildRunContext(scope, { runId, configuration: shared.configuration, module: moduleRef });
        const what = `action ${moduleRef.slug}.${item.slug}`;
        const timeoutMs = request.timeoutMs ?? ownTimeout(implementation, args, shared.configuration) ?? settings.defaultTimeoutMs;
        let results: unknown = await runWithTimeout(() => implementation.run(context, args), { timeoutMs, abort, what });
        results = results === undefined || results === null ? {} : results;
        this.items.validate(item, 'results', results, 'PLY_RESULTS_INVALID');
        const outputs = selectedOutputs(implementation, results, args);
        if (declaresFileResults(item.results)) results = await moveLargeResultsToFiles(results, item.results, scope.files, settings.largeValueBytes);
        const durationMs = performance.now() - started;
        if (logger.isLevelEnabled('debug')) scope.logger.debug('action finished', { durationMs });
        return { runId, module: moduleRef, action: { slug: item.slug, uuid: item.uuid, name: item.name }, arguments: args, results, ...(outputs ? { outputs } : {}), durationMs };
      } catch (error) {
        const failure = toPlyError(error);
        scope.logger.info('action failed', { code: failure.code, error: failure.message });
        throw failure;
      } finally {
        abort.release();
      }
    } catch (error) {
      throw redactError(toPlyError(error), redactor?.());
    }
  }

  /** The rendered arguments; what they derive from the run's secrets is added to those. */
  private render(requested: Record<string, unknown>, context: Record<string, unknown>, schema: JsonSchema, secrets: RunSecrets | undefined): Record<string, unknown> {
    const templates = this.templates;
    // A lone {{ expr }} keeps its JSON type, except where the argument must be a string.
    const textAt = stringOnlyPointers(schema);
    if (!secrets) return templates.renderValue(requested, context, { textAt }) as Record<string, unknown>;
    const { value, marks } = templates.renderValueMarked(requested, context, { textAt, secrets: secrets.isSecret });
    secrets.add(marks);
    return value as Record<string, unknown>;
  }
}

/** The arguments rendered by `renderer`; what they derive from the run's secrets is added to those. */
async function renderElsewhere(renderer: ArgumentRenderer, requested: Record<string, unknown>, context: TemplateContext, schema: JsonSchema, secrets: RunSecrets | undefined): Promise<Record<string, unknown>> {
  const { value, marks } = await renderer.renderArguments(requested, context, { schema, ...(secrets ? { secrets: secrets.isSecret } : {}) });
  secrets?.add(marks);
  return value as Record<string, unknown>;
}

/** An action's own default deadline (a number, or from its arguments and configuration), when it declares a usable one. */
function ownTimeout(action: { timeoutMs?: number | ((args: never, config: never) => number) }, args: Record<string, unknown>, config: unknown): number | undefined {
  const own = typeof action.timeoutMs === 'function' ? (action.timeoutMs as (args: Record<string, unknown>, config: unknown) => number)(args, config) : action.timeoutMs;
  return own !== undefined && Number.isFinite(own) && own > 0 ? own : undefined;
}

/** The error without secrets; the cause is dropped on purpose: a vendor or network error may quote one. */
export function redactError(error: PlyError, redactor: Redactor | undefined): PlyError {
  if (!redactor) return error;
  return new PlyError(error.code, redactor.redactString(error.message), { details: redactor.redact(error.details) });
}
