import type { DependencyContainer } from 'tsyringe';
import type { RunContext } from '../contracts/context.js';
import { FILE_STORE, HTTP_CLIENT, RUN_LOGGER } from '../di/service-tokens.js';
import { resolveToken } from '../di/tokens.js';

/**
 * The context plugin code receives, over a run's container: the logger, HTTP client and file
 * store are built the first time the code reads them (most small actions touch only some).
 */
export function buildRunContext(scope: DependencyContainer, run: { runId: string; configuration: Record<string, unknown>; signal: AbortSignal; module: { slug: string; version: string } }): RunContext {
  return {
    runId: run.runId,
    config: run.configuration,
    get log() {
      return resolveToken(scope, RUN_LOGGER);
    },
    get http() {
      return resolveToken(scope, HTTP_CLIENT);
    },
    signal: run.signal,
    get files() {
      return resolveToken(scope, FILE_STORE);
    },
    module: run.module,
  };
}
