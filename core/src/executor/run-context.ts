import type { FileStore } from '../contracts/file-store.js';
import type { HttpClient } from '../contracts/http.js';
import type { Logger } from '../contracts/logger.js';
import type { RunContext } from '../contracts/context.js';
import type { RunScope } from './run-scope.js';

/**
 * The context plugin code receives, over a run's scope: the logger, HTTP client, file store and
 * signal are made the first time the code reads them (most small actions touch only some). A
 * class, so its getters live once on the prototype: an object literal with getters made a new
 * accessor pair per run (10% of an executor run's CPU).
 */
class ScopedRunContext implements RunContext {
  readonly #scope: RunScope;

  constructor(
    scope: RunScope,
    readonly runId: string,
    readonly config: Record<string, unknown>,
    readonly module: { slug: string; version: string },
  ) {
    this.#scope = scope;
  }

  get log(): Logger {
    return this.#scope.logger;
  }

  get http(): HttpClient {
    return this.#scope.http;
  }

  get signal(): AbortSignal {
    return this.#scope.signal;
  }

  get files(): FileStore {
    return this.#scope.files;
  }
}

/** The context of one run over its scope (see {@link ScopedRunContext}). */
export function buildRunContext(scope: RunScope, run: { runId: string; configuration: Record<string, unknown>; module: { slug: string; version: string } }): RunContext {
  return new ScopedRunContext(scope, run.runId, run.configuration, run.module);
}
