import { randomUUID } from 'node:crypto';
import type { DependencyContainer } from 'tsyringe';
import { PlyError, toPlyError } from '../errors/ply-error.js';
import { MODULE_CATALOG, PLUGIN_CODE, SETTINGS } from '../di/service-tokens.js';
import { resolveToken } from '../di/tokens.js';
import type { Redactor } from '../logging/redactor.js';
import { redactError } from './action-executor.js';
import type { ItemPreparer } from './item-preparer.js';
import { buildRunContext } from './run-context.js';
import { RunAbort } from './run-abort.js';
import { runWithTimeout } from './run-with-timeout.js';

/** What {@link CredentialsChecker.check} needs: a module and an account's configuration. */
export interface CredentialsCheckRequest {
  module: string;
  version?: string;
  configuration: Record<string, unknown>;
  timeoutMs?: number;
}

/**
 * Runs a module's credentials check (its validation call) with an account's configuration,
 * prepared as a run is: configuration validated with defaults, secrets hidden, deadline.
 */
export class CredentialsChecker {
  constructor(
    private readonly root: DependencyContainer,
    private readonly items: ItemPreparer,
  ) {}

  async check(request: CredentialsCheckRequest): Promise<void> {
    let redactor: Redactor | undefined;
    try {
      const module = resolveToken(this.root, MODULE_CATALOG).module(request.module, request.version);
      if (module.engineMismatch) throw new PlyError('PLY_ENGINE_MISMATCH', module.engineMismatch, { details: { module: module.manifest.slug } });
      const plugin = await resolveToken(this.root, PLUGIN_CODE).plugin(module);
      if (!plugin.checkCredentials) throw new PlyError('PLY_NO_IMPLEMENTATION', `${module.manifest.slug} has no credentials check`, { details: { module: module.manifest.slug } });
      const shared = this.items.configurationScope(module, request.configuration);
      redactor = shared.logger.redactor;
      const runId = randomUUID();
      const abort = new RunAbort();
      const settings = resolveToken(this.root, SETTINGS);
      const moduleRef = { slug: module.manifest.slug, version: module.manifest.version };
      const scope = this.items.runScopes.runScope(shared, {
        runId,
        logger: shared.logger,
        bindings: { runId, module: moduleRef.slug, check: 'credentials' },
        abort,
      });
      const context = buildRunContext(scope, { runId, configuration: shared.configuration, module: moduleRef });
      const check = plugin.checkCredentials;
      await runWithTimeout(() => check(context), { timeoutMs: request.timeoutMs ?? Math.min(settings.defaultTimeoutMs, 30_000), abort, what: `credentials check of ${moduleRef.slug}` });
    } catch (error) {
      throw redactError(toPlyError(error), redactor);
    }
  }
}
