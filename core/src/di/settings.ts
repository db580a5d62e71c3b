import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RetryPolicy } from '../contracts/http.js';
import { PLY_CORE_VERSION } from '../version.js';

/** Process-wide settings, from the environment unless given. */
export interface PlySettings {
  /** `$PLY_HOME` (default `~/.ply`): installed modules, store, run data. */
  home: string;
  coreVersion: string;
  /** Timeout of an action run unless the request says otherwise. */
  defaultTimeoutMs: number;
  /** A result value larger than this (serialised) is written to a file when the schema allows `<key>_path`. */
  largeValueBytes: number;
  /** Rate limit applied to every module configuration that sets none. */
  defaultRateLimit?: { maxRequests: number; perMs: number };
  /** Overrides of the HTTP clients' retry policy (test runtimes shorten the backoff). */
  httpRetry?: Partial<RetryPolicy>;
}

export function settingsFromEnvironment(overrides: Partial<PlySettings> = {}): PlySettings {
  const env = process.env;
  return {
    home: resolve(env['PLY_HOME'] ?? join(homedir(), '.ply')),
    coreVersion: PLY_CORE_VERSION,
    defaultTimeoutMs: Number(env['PLY_ACTION_TIMEOUT_MS'] ?? 60_000),
    largeValueBytes: 1024 * 1024,
    ...overrides,
  };
}
