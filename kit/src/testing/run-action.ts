import type { PluginDefinition } from '@ply/core';
import type { ActionRunRequest, ActionRunResult } from '@ply/core';
import { toPlyError, type PlyError } from '@ply/core';
import type { captureLogs } from './log-capture.js';
import { createTestPly } from './test-ply.js';

export interface TestActionOptions extends Omit<ActionRunRequest, 'action'> {
  plugin: PluginDefinition;
  /** The action's slug or docker_parameters (the module is the plugin's). */
  action: string;
  /** The committed module folder; without it the JSON is generated from the plugin definition. */
  moduleDir?: string;
}

/** The outcome of one in-process run: results or the PlyError, and every log line written. */
export interface TestActionRun {
  results?: unknown;
  run?: ActionRunResult;
  error?: PlyError;
  logs: ReturnType<typeof captureLogs>;
}

/**
 * Runs one action of a plugin in-process through the real executor, with the given arguments
 * and module configuration: configuration and arguments are validated, secrets redacted, and
 * the results checked against the action's results schema, exactly as `ply run` does. Never
 * throws for a failed run: the error is returned with the logs, so a test can assert both.
 */
export async function runTestAction(options: TestActionOptions): Promise<TestActionRun> {
  const { plugin, action, moduleDir, ...request } = options;
  const { ply, logs } = createTestPly({ plugins: [{ plugin, ...(moduleDir ? { moduleDir } : {}) }] });
  try {
    const run = await ply.run({ ...request, action: `${plugin.module.slug}.${action}` });
    return { results: run.results, run, logs };
  } catch (error) {
    return { error: toPlyError(error), logs };
  }
}
