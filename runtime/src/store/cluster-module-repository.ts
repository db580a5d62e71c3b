import type { SqlDatabase } from './sql/sql-database.js';
import { sql } from './sql/sql-query.js';
import type { StoreChanges } from './store-changes.js';

/** One module as the cluster runs it: the artifact every process must fetch and verify. */
export interface ClusterModuleRecord {
  slug: string;
  /** The npm package name. */
  name: string;
  version: string;
  /** The tarball's Subresource Integrity string (`sha512-…`), as the installer verified it. */
  integrity: string;
  /** The registry URL it was installed from (`file:<path>` for an offline install, which other processes cannot fetch). */
  registry: string;
  recordedAt: number;
}

type Row = { slug: string; name: string; version: string; integrity: string; registry: string; recorded_at: number | string };

const Q = {
  all: sql<[], Row>('SELECT * FROM cluster_modules ORDER BY slug'),
  upsert: sql<[string, string, string, string, string, number]>(
    'INSERT INTO cluster_modules (slug, name, version, integrity, registry, recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO UPDATE SET name = excluded.name, version = excluded.version, integrity = excluded.integrity, registry = excluded.registry, recorded_at = excluded.recorded_at',
  ),
  remove: sql<[string]>('DELETE FROM cluster_modules WHERE slug = ?'),
} as const;

/**
 * What a cluster runs of each installed module (the shared store's record of installs). Each
 * write is announced on the `modules` topic, so every process re-syncs (see `ModuleSync`).
 */
export class ClusterModuleRepository {
  constructor(
    private readonly db: SqlDatabase,
    private readonly changes: StoreChanges,
  ) {}

  async list(): Promise<ClusterModuleRecord[]> {
    return (await this.db.all(Q.all)).map((row) => ({ slug: row.slug, name: row.name, version: row.version, integrity: row.integrity, registry: row.registry, recordedAt: Number(row.recorded_at) }));
  }

  /** Records the artifact a module runs from now on (an install, upgrade or rollback). */
  async record(record: Omit<ClusterModuleRecord, 'recordedAt'>): Promise<void> {
    await this.db.run(Q.upsert, record.slug, record.name, record.version, record.integrity, record.registry, Date.now());
    this.changes.changed('modules');
  }

  /**
   * Records what an install, upgrade, rollback or uninstall left active for `slug` (the
   * installer's record of it), or forgets the slug when nothing of it is installed any more.
   */
  async recordActive(slug: string, active: { name: string; version: string; integrity: string; source: string } | undefined): Promise<void> {
    if (!active) return this.remove(slug);
    await this.record({ slug, name: active.name, version: active.version, integrity: active.integrity, registry: active.source });
  }

  /** Forgets a module (uninstalled from the cluster). */
  async remove(slug: string): Promise<void> {
    await this.db.run(Q.remove, slug);
    this.changes.changed('modules');
  }
}
