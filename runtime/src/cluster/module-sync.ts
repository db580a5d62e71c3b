import { toPlyError, type PinoLogger, type Ply } from '@ply/core';
import type { ClusterModuleRecord } from '../store/cluster-module-repository.js';
import type { PlyStore } from '../store/ply-store.js';

/**
 * How a process gets the artifact the cluster recorded. The installer provides it (the CLI wires
 * `ClusterArtifacts` of `@ply/installer`): the runtime never downloads or unpacks by itself.
 */
export interface ModuleArtifacts {
  /** The integrity of `slug@version` as installed in this process's `$PLY_HOME`, or undefined when absent. */
  localIntegrity(slug: string, version: string): string | undefined;
  /** The folder of an installed `slug@version`. */
  dirOf(slug: string, version: string): string;
  /**
   * Fetches `record.name@record.version` from `record.registry`, checks that its tarball has
   * exactly `record.integrity` (and the registry's signature), installs it; resolves to its folder.
   */
  fetch(record: ClusterModuleRecord): Promise<string>;
}

/** Where one recorded module stands on this process. */
export interface ModuleSyncState {
  slug: string;
  version: string;
  integrity: string;
  status: 'synced' | 'unavailable';
  /** Why it cannot run here (unavailable only). */
  reason?: string;
}

export interface ModuleSyncOptions {
  /** After a failed fetch, try again this much later. Default 30 s. */
  retryMs?: number;
}

/**
 * Keeps a process's modules equal to what the cluster recorded (`cluster_modules` in the shared
 * store): on start, on every change of the `modules` topic (an install anywhere in the cluster)
 * and after a failed fetch, each recorded module is found locally by its integrity or fetched
 * and verified, then pinned in the catalog, so this process runs exactly that artifact. A module
 * it cannot fetch is pinned as refused: its runs fail with PLY_MODULE_UNAVAILABLE and the
 * reason, never with an older copy. Unrecorded modules (the workspace's) are left alone.
 */
export class ModuleSync {
  private readonly states = new Map<string, ModuleSyncState>();
  private running: Promise<void> = Promise.resolve();
  private queued = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(
    private readonly ply: Ply,
    private readonly store: PlyStore,
    private readonly artifacts: ModuleArtifacts,
    private readonly logger: PinoLogger,
    private readonly options: ModuleSyncOptions = {},
  ) {
    this.unsubscribe = store.changes.onChange((topic) => {
      if (topic === 'modules') void this.sync();
    });
  }

  /**
   * Brings this process in line with the records (one pass at a time; a change arriving during
   * a pass schedules one more). Resolves when the pass that covers this call has ended.
   */
  sync(): Promise<void> {
    if (this.queued) return this.running;
    this.queued = true;
    this.running = this.running.then(async () => {
      this.queued = false;
      if (!this.closed) await this.pass();
    });
    return this.running;
  }

  /** The recorded modules and where each stands here, by slug. */
  status(): ModuleSyncState[] {
    return [...this.states.values()].sort((a, b) => a.slug.localeCompare(b.slug));
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    clearTimeout(this.retry);
  }

  private async pass(): Promise<void> {
    const records = await this.store.modules.list();
    const recorded = new Set(records.map((record) => record.slug));
    for (const slug of this.states.keys()) {
      if (recorded.has(slug)) continue;
      this.ply.catalog.unpin(slug);
      this.states.delete(slug);
    }
    for (const record of records) await this.syncOne(record);
    clearTimeout(this.retry);
    if (this.status().some((state) => state.status === 'unavailable')) {
      this.retry = setTimeout(() => void this.sync(), this.options.retryMs ?? 30_000);
      this.retry.unref();
    }
  }

  private async syncOne(record: ClusterModuleRecord): Promise<void> {
    const { slug, version, integrity } = record;
    const current = this.states.get(slug);
    if (current?.status === 'synced' && current.version === version && current.integrity === integrity) return;
    try {
      const dir = this.artifacts.localIntegrity(slug, version) === integrity ? this.artifacts.dirOf(slug, version) : await this.artifacts.fetch(record);
      this.ply.reloadInstalled(slug);
      this.ply.catalog.pin(slug, { version, dir });
      this.states.set(slug, { slug, version, integrity, status: 'synced' });
      this.logger.info('module synced with the cluster', { module: slug, version, integrity });
    } catch (error) {
      const reason = `${record.name}@${version} (${integrity.slice(0, 19)}…), which the cluster runs, could not be fetched from ${record.registry}: ${toPlyError(error).message}`;
      this.ply.catalog.pin(slug, { refused: reason });
      this.states.set(slug, { slug, version, integrity, status: 'unavailable', reason });
      this.logger.warn('module not available on this process', { module: slug, version, reason });
    }
  }
}
