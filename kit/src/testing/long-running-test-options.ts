import type { RetryPolicy } from '@ply/core';

/** What a test harness needs to start a trigger or a connector in-process. */
export interface LongRunningTestOptions {
  /** Module configuration, as the runtime would hand it (secrets included). */
  configuration: Record<string, unknown>;
  /** The item's own configuration; parsed with its zod schema (defaults applied). */
  arguments?: Record<string, unknown>;
  /** Values kept out of the captured logs (e.g. the API key). */
  secrets?: string[];
  /** Retry policy of the HTTP client (keep delays small in tests). */
  retry?: Partial<RetryPolicy>;
  /** The run's data folder (default: a fresh temporary folder). */
  dataDir?: string;
  /** The checkpoint a previous run left. */
  checkpoint?: unknown;
}
