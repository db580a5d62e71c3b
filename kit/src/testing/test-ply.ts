import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PluginDefinition } from '@ply/core';
import type { PlySettings } from '@ply/core';
import { Ply } from '@ply/core';
import { generatedModuleDir } from './generated-module.js';
import { captureLogs } from './log-capture.js';

export interface TestPlyOptions {
  /**
   * Plugins to bind: the plugin definition and the module folder holding its JSON (the
   * committed `module/`); without `moduleDir` the JSON is generated from the definition.
   */
  plugins?: Array<{ moduleDir?: string; plugin: PluginDefinition }>;
  settings?: Partial<PlySettings>;
}

/** The test runtime's HTTP backoff: the same retries, waits of a few milliseconds (`Retry-After` capped). */
export const TEST_HTTP_RETRY = Object.freeze({ baseDelayMs: 1, maxDelayMs: 20 });

/**
 * A Ply runtime for tests: a fresh temporary `$PLY_HOME`, logs captured in memory, short HTTP backoff, and the given
 * plugins bound to their module folders (their code runs for real through the executor).
 */
export function createTestPly(options: TestPlyOptions = {}): { ply: Ply; logs: ReturnType<typeof captureLogs>; home: string } {
  const home = mkdtempSync(join(tmpdir(), 'ply-test-'));
  const logs = captureLogs();
  const ply = new Ply({ settings: { home, httpRetry: TEST_HTTP_RETRY, ...options.settings }, logger: logs.logger });
  for (const { moduleDir, plugin } of options.plugins ?? []) ply.addPlugin(moduleDir ?? generatedModuleDir(plugin), plugin);
  return { ply, logs, home };
}
