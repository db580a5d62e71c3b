import { PlyError } from '@ply/core/errors';

/** What a process of `ply serve` does: accept (api), run (worker), or both (all, the default). */
export type ServeRole = 'api' | 'worker' | 'all';
export const SERVE_ROLES: readonly ServeRole[] = ['api', 'worker', 'all'];

/** How a process joins a cluster; every value has an environment variable. */
export interface ClusterSettings {
  role: ServeRole;
  /** `PLY_DATABASE_URL`: the shared PostgreSQL store. */
  databaseUrl?: string;
  /** `PLY_REDIS_URL`: the queue, the leases and the change bus. */
  redisUrl?: string;
  /** `PLY_WORKER_CONCURRENCY`: runs one worker process takes at once. Default 32. */
  concurrency: number;
  /** `PLY_JOB_ATTEMPTS`: deliveries of a run whose worker failed for want of the store or the queue (not a failed playbook). Default 3. */
  attempts: number;
  /** `PLY_JOB_LOCK_MS`: a worker renews its hold on a run within this; a dead worker's runs move to another after it. Default 30,000. */
  jobLockMs: number;
  /** `PLY_JOB_MAX_STALLS`: times a run may be taken over from a dead worker before it ends failed. Default 2. */
  maxStalls: number;
  /** `PLY_LEASE_MS`: lease time of triggers and connectors. Default 10,000. */
  leaseMs: number;
  /** `PLY_QUEUE`: the BullMQ queue's name (several clusters may share one Redis). Default `ply-runs`. */
  queueName: string;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new PlyError('PLY_CLUSTER_CONFIG_INVALID', `${name} must be a positive integer (got "${raw}")`);
  return value;
}

/**
 * The cluster settings of this process, from the environment and the `--role` option.
 *
 * @throws PlyError PLY_CLUSTER_CONFIG_INVALID for an unknown role, a bad number, or a role that
 *   needs a queue and a shared store (api, worker) without PLY_REDIS_URL and PLY_DATABASE_URL.
 */
export function clusterSettings(role: string | undefined, env: NodeJS.ProcessEnv = process.env): ClusterSettings {
  const chosen = (role ?? 'all') as ServeRole;
  if (!SERVE_ROLES.includes(chosen)) throw new PlyError('PLY_CLUSTER_CONFIG_INVALID', `--role must be one of ${SERVE_ROLES.join(', ')} (got "${role}")`);
  const databaseUrl = env['PLY_DATABASE_URL'] || undefined;
  const redisUrl = env['PLY_REDIS_URL'] || undefined;
  if (chosen !== 'all' && (!databaseUrl || !redisUrl)) {
    throw new PlyError('PLY_CLUSTER_CONFIG_INVALID', `--role ${chosen} splits the work between processes: it needs PLY_REDIS_URL (the queue) and PLY_DATABASE_URL (the shared store)`);
  }
  return {
    role: chosen,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(redisUrl ? { redisUrl } : {}),
    concurrency: positive(env, 'PLY_WORKER_CONCURRENCY', 32),
    attempts: positive(env, 'PLY_JOB_ATTEMPTS', 3),
    jobLockMs: positive(env, 'PLY_JOB_LOCK_MS', 30_000),
    maxStalls: positive(env, 'PLY_JOB_MAX_STALLS', 2),
    leaseMs: positive(env, 'PLY_LEASE_MS', 10_000),
    queueName: env['PLY_QUEUE'] || 'ply-runs',
  };
}
