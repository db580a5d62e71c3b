import type { PlySettings, PluginDefinition } from '@ply/core';

/** What a test harness needs to start a trigger or a connector in-process. */
export interface LongRunningTestOptions {
  plugin: PluginDefinition;
  /** The committed module folder; without it the JSON is generated from the plugin definition. */
  moduleDir?: string;
  /** Module configuration, as the runtime would hand it (secrets included); validated, defaults applied. */
  configuration: Record<string, unknown>;
  /** The item's own configuration; validated against its schema, defaults applied. */
  arguments?: Record<string, unknown>;
  /** Values kept out of logs and errors besides the schemas' secrets. */
  secrets?: string[];
  /** Settings of the test runtime (its HTTP backoff is short unless `httpRetry` says otherwise). */
  settings?: Partial<PlySettings>;
  /** The run's data folder (default: a fresh temporary folder). */
  dataDir?: string;
  /** The checkpoint a previous run left. */
  checkpoint?: unknown;
}
