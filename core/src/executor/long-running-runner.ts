import type { CheckpointStore } from '../contracts/checkpoint.js';
import type { ConnectorContext, EmitOptions, TriggerContext } from '../contracts/context.js';
import type { ItemKind } from '../contracts/manifest.js';
import { toPlyError } from '../errors/ply-error.js';
import type { Redactor } from '../logging/redactor.js';
import { redactError } from './action-executor.js';
import type { ItemPreparer } from './item-preparer.js';
import { signalCancellation } from '../http/cancellation.js';
import { buildRunContext } from './run-context.js';

/** What a supervisor (or a test harness) gives a long-running trigger or connector. */
export interface LongRunningRequest {
  /** `<module slug>.<item slug>`, a uuid, or `<module slug>.<uuid>`. */
  item: string;
  /** Semver range of the module version (default: the active, else highest, version). */
  version?: string;
  /** Module configuration (account), secrets included. */
  configuration?: Record<string, unknown>;
  /** The item's own configuration (its `arguments` schema). */
  arguments?: Record<string, unknown>;
  /** Bound to every log line, also the run id's prefix (`trigger-<id>-<time>`). */
  instance: string;
  /** The instance's data folder (`ctx.files`). */
  dataDir: string;
  /** Aborted to stop the item: `start` must return soon after. */
  signal: AbortSignal;
  checkpoint: CheckpointStore;
  heartbeat: () => void;
  /** Values to hide besides the secrets of the configuration and arguments (an intake key). */
  secretValues?: readonly string[];
  /** Extra log bindings (a playbook id). */
  logBindings?: Record<string, unknown>;
}

export interface TriggerRunRequest extends LongRunningRequest {
  emit(event: unknown, options: EmitOptions | undefined): Promise<void>;
}

export interface ConnectorRunRequest extends LongRunningRequest {
  /** Resolves with the event ids once the intake acknowledged them. */
  push(events: unknown[]): Promise<string[]>;
}

/**
 * Runs triggers and connectors: the same preparation as actions (configuration validated with
 * defaults, the item's arguments validated with defaults, engines checked, secrets hidden from
 * logs), then `start` until the signal aborts. What `start` throws leaves without secrets.
 */
export class LongRunningRunner {
  constructor(private readonly items: ItemPreparer) {}

  runTrigger(request: TriggerRunRequest): Promise<void> {
    return this.run('trigger', request, { emit: request.emit });
  }

  runConnector(request: ConnectorRunRequest): Promise<void> {
    return this.run('connector', request, { push: request.push });
  }

  private async run(kind: Extract<ItemKind, 'trigger' | 'connector'>, request: LongRunningRequest, own: Pick<TriggerContext, 'emit'> | Pick<ConnectorContext, 'push'>): Promise<void> {
    let redactor: Redactor | undefined;
    try {
      const { module, item, implementation } = await this.items.find(kind, request.item, request.version);
      const shared = this.items.configurationScope(module, request.configuration ?? {});
      redactor = shared.logger.redactor;
      const args = structuredClone(request.arguments ?? {});
      const logger = this.items.argumentLogger(shared.logger, item, args, request.secretValues);
      redactor = logger.redactor;
      this.items.validate(item, 'arguments', args, 'PLY_ARGUMENTS_INVALID');
      const runId = `${kind}-${request.instance}-${Date.now()}`;
      const moduleRef = { slug: module.manifest.slug, version: module.manifest.version };
      const scope = this.items.runScopes.runScope(shared, {
        runId,
        logger,
        bindings: { [kind]: `${moduleRef.slug}.${item.slug}`, instance: request.instance, ...request.logBindings },
        abort: signalCancellation(request.signal),
        dataDir: request.dataDir,
      });
      // Object.assign keeps the run context's getters: the logger, HTTP client and file store stay lazy.
      const context = Object.assign(buildRunContext(scope, { runId, configuration: shared.configuration, module: moduleRef }), { checkpoint: request.checkpoint, heartbeat: request.heartbeat }, own);
      await (implementation.start as (ctx: typeof context, args: unknown) => Promise<void>)(context, args);
    } catch (error) {
      // What the supervisor keeps of a failure is shown by the API: it must not carry a secret.
      throw redactError(toPlyError(error), redactor);
    }
  }
}
