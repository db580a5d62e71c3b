import type { RunContext } from '../contracts/context.js';
import type { RunScope } from './run-scope.js';

/**
 * The context plugin code receives, over a run's scope: the logger, HTTP client, file store and
 * signal are made the first time the code reads them (most small actions touch only some).
 */
export function buildRunContext(scope: RunScope, run: { runId: string; configuration: Record<string, unknown>; module: { slug: string; version: string } }): RunContext {
  return {
    runId: run.runId,
    config: run.configuration,
    get log() {
      return scope.logger;
    },
    get http() {
      return scope.http;
    },
    get signal() {
      return scope.signal;
    },
    get files() {
      return scope.files;
    },
    module: run.module,
  };
}
