import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LookupFunction, RetryPolicy } from '../contracts/http.js';
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
  /**
   * The admin's restriction of the hosts some modules' HTTP clients may reach (by default the
   * `http` module's, which calls any URL a playbook gives it): `PLY_HTTP_ALLOW_HOSTS`,
   * `PLY_HTTP_DENY_HOSTS` (comma-separated host names, `*.domain`, IPs, CIDRs) and
   * `PLY_HTTP_POLICY_MODULES` (module slugs, `*` for all). Setting either list turns it on, and
   * with it the refusal of private, loopback and link-local addresses unless allowed by IP or CIDR.
   */
  httpHostPolicy?: HttpHostPolicySettings;
}

/** See {@link PlySettings.httpHostPolicy}. */
export interface HttpHostPolicySettings {
  allow: string[];
  deny: string[];
  /** Module slugs whose HTTP clients are restricted; `*` for every module. */
  modules: string[];
  /** The resolver (default node:dns `lookup`); tests resolve names of their own. */
  lookup?: LookupFunction;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** The host policy the environment asks for, or undefined when neither list variable is set. */
export function hostPolicyFromEnvironment(env: NodeJS.ProcessEnv): HttpHostPolicySettings | undefined {
  if (env['PLY_HTTP_ALLOW_HOSTS'] === undefined && env['PLY_HTTP_DENY_HOSTS'] === undefined) return undefined;
  const modules = list(env['PLY_HTTP_POLICY_MODULES']);
  return { allow: list(env['PLY_HTTP_ALLOW_HOSTS']), deny: list(env['PLY_HTTP_DENY_HOSTS']), modules: modules.length > 0 ? modules : ['http'] };
}

export function settingsFromEnvironment(overrides: Partial<PlySettings> = {}): PlySettings {
  const env = process.env;
  return {
    home: resolve(env['PLY_HOME'] ?? join(homedir(), '.ply')),
    coreVersion: PLY_CORE_VERSION,
    defaultTimeoutMs: Number(env['PLY_ACTION_TIMEOUT_MS'] ?? 60_000),
    largeValueBytes: 1024 * 1024,
    ...(hostPolicyFromEnvironment(env) ? { httpHostPolicy: hostPolicyFromEnvironment(env)! } : {}),
    ...overrides,
  };
}
