import { Ply, type PinoLogger, type PlySettings } from '@ply/core';
import type { Cluster } from '../cluster/cluster.js';
import type { ModuleArtifacts, ModuleSync } from '../cluster/module-sync.js';
import type { ClusterSettings, ServeRole } from '../cluster/cluster-settings.js';
import { PlaybookEngine } from '../playbooks/playbook-engine.js';
import { join } from 'node:path';
import { PlyStore } from '../store/ply-store.js';
import { loadSecretKey } from '../store/secret-key.js';
import { WebhookSecrets } from './webhook-secrets.js';

/**
 * Everything `ply serve` (API, webhooks, supervisor, web console) works on: one Ply kernel with
 * the workspace's and `$PLY_HOME`'s modules, the store and the playbook engine, and in a
 * cluster the connection to the others (queue, leases, change bus).
 */
export interface Runtime {
  ply: Ply;
  store: PlyStore;
  engine: PlaybookEngine;
  /** What this process does: accept runs (api), run them (worker), or both (all). */
  role: ServeRole;
  /** Present with `PLY_REDIS_URL`: runs go through the queue. */
  cluster?: Cluster;
  /** Present with a shared store and {@link RuntimeOptions.moduleArtifacts}: keeps this process's modules to what the cluster recorded. */
  modules?: ModuleSync;
  /** Each playbook's webhook token (from the store's webhook key). */
  webhooks: WebhookSecrets;
  /**
   * Modules that failed to load, for `GET /api/v1/modules` and health: at discovery, or (item
   * files are read on first use) whose item files are invalid. Reading it reads every module's
   * item files once.
   */
  readonly loadErrors: Array<{ dir: string; code: string; message: string }>;
  close(graceMs?: number): Promise<void>;
}

export interface RuntimeOptions {
  settings?: Partial<PlySettings>;
  /** Also load the plugins of this checkout (`<root>/plugins/*`); absent: installed modules only. */
  workspaceRoot?: string;
  /** The role and the cluster's servers (see `clusterSettings`); absent: embedded, one process does all. */
  cluster?: ClusterSettings;
  /**
   * How this process fetches the module artifacts a shared store records (the CLI gives the
   * installer's `ClusterArtifacts`): with a shared store, every recorded module then runs
   * exactly as recorded, or is refused. Absent: modules are what `$PLY_HOME` holds.
   */
  moduleArtifacts?: ModuleArtifacts;
  /** The process's logger (default: pino to stdout at the settings' level). */
  logger?: PinoLogger;
}

/**
 * Opens the runtime. Embedded (no queue): executions left running by a crash are marked
 * interrupted at once. With a queue, a dead process's runs are the queue's to hand over, so
 * nothing is marked: a worker resumes them.
 */
export async function openRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const ply = new Ply({ ...(options.settings ? { settings: options.settings } : {}), ...(options.logger ? { logger: options.logger } : {}) });
  // Item files are read on first use: a start runs few of the discovered modules' items.
  const report = ply.discover(options.workspaceRoot, { lazyItems: true });
  const settings = options.cluster;
  // A cluster's processes must share one secret key (sealed accounts, webhook tokens): refuse to start without it.
  if (settings?.databaseUrl) loadSecretKey(join(ply.settings.home, 'secret.key'), { value: process.env['PLY_SECRET_KEY'], file: process.env['PLY_SECRET_KEY_FILE'], mustExist: true });
  const store = await PlyStore.open({ home: ply.settings.home, ...(settings?.databaseUrl ? { databaseUrl: settings.databaseUrl } : {}) });
  let cluster: Cluster | undefined;
  let webhooks: WebhookSecrets;
  try {
    webhooks = new WebhookSecrets(await store.keys.webhookKey());
    if (settings?.redisUrl) cluster = await (await import('../cluster/cluster.js')).Cluster.connect({ ...settings, redisUrl: settings.redisUrl }, store, ply.logger.child({ component: 'cluster' }));
  } catch (error) {
    await store.close();
    throw error;
  }
  let modules: ModuleSync | undefined;
  if (store.shared && options.moduleArtifacts) {
    // Loaded here: only a process of a cluster with a shared store syncs its modules.
    const { ModuleSync } = await import('../cluster/module-sync.js');
    modules = new ModuleSync(ply, store, options.moduleArtifacts, ply.logger.child({ component: 'modules' }));
    await modules.sync();
  }
  if (!cluster) await store.executions.markInterrupted();
  const engine = new PlaybookEngine({ ply, store, ...(cluster ? { queue: cluster.queue } : {}) });
  const role = settings?.role ?? 'all';
  if (cluster && role !== 'api') cluster.startWorker(engine, store);
  if (cluster && role !== 'worker') cluster.startSweeper(store);
  return {
    ply,
    store,
    engine,
    role,
    webhooks,
    ...(cluster ? { cluster } : {}),
    ...(modules ? { modules } : {}),
    get loadErrors() {
      const unread = ply.catalog.allModules().flatMap((module) => (module.itemsError ? [{ dir: module.dir, error: module.itemsError }] : []));
      return [...report.errors, ...unread].map(({ dir, error }) => ({ dir, code: error.code, message: error.message }));
    },
    async close(graceMs = 10_000) {
      modules?.close();
      if (cluster) {
        // The worker's drain is the grace period: what still runs after it is interrupted.
        await cluster.drain(graceMs);
        await engine.shutdown(0);
        await cluster.close();
      } else {
        await engine.shutdown(graceMs);
      }
      await store.close();
    },
  };
}
