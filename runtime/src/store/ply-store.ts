import { join } from 'node:path';
import { AccountRepository } from './account-repository.js';
import { ApiTokenRepository } from './api-token-repository.js';
import { CheckpointRepository } from './checkpoint-repository.js';
import { ClusterModuleRepository } from './cluster-module-repository.js';
import { ConnectorInstanceRepository } from './connector-instance-repository.js';
import { ExecutionRepository } from './execution-repository.js';
import { MIGRATIONS } from './migration-list.js';
import { migrate } from './migrator.js';
import { PlaybookVersionRepository } from './playbook-version-repository.js';
import { PlaybookRepository } from './playbook-repository.js';
import { RecordSealer } from './record-sealer.js';
import { StoreKeyRepository } from './store-key-repository.js';
import { WebhookSignatureRepository } from './webhook-signature-repository.js';
import { SecretBox } from './secret-box.js';
import { loadSecretKey } from './secret-key.js';
import type { SqlDatabase } from './sql/sql-database.js';
import { SqliteDatabase } from './sql/sqlite-database.js';
import { StoreChanges } from './store-changes.js';
import { StoredValues } from './stored-value.js';
import { WriteBatcher } from './write-batcher.js';

/** Options of {@link PlyStore.open}. */
export interface PlyStoreOptions {
  /** `$PLY_HOME`: the SQLite database is `<home>/ply.db`, large values go to `<home>/executions/`. */
  home: string;
  /**
   * A PostgreSQL URL (`postgres://user:pass@host/db`, what `PLY_DATABASE_URL` holds): the shared
   * store of a cluster. Absent: the embedded SQLite file.
   */
  databaseUrl?: string;
  /** SQLite database file (default `<home>/ply.db`). */
  path?: string;
  /** The secret key (32 bytes); default `PLY_SECRET_KEY`, `PLY_SECRET_KEY_FILE` or `<home>/secret.key`, read on first use. */
  secretKey?: Buffer;
  /**
   * Record values (arguments, results, trigger events) larger than this, serialised, go to files.
   * Default 64 KiB with SQLite; with PostgreSQL, never (every process of a cluster must read them).
   */
  largeValueBytes?: number;
  /** Told about a batched write that failed with nobody waiting for it (default: ignored). */
  onWriteError?: (error: unknown) => void;
  /** SQLite: how long a writer waits for a lock held by another connection, in ms. Default 5,000. */
  busyTimeoutMs?: number;
  /** PostgreSQL: connections of the pool. Default 10. */
  maxConnections?: number;
  /**
   * Seal the records that hold event data (default true). False only for the benchmark that
   * measures what sealing costs: records are then written in clear (sealed ones still open).
   */
  sealRecords?: boolean;
}

/**
 * The store: a database (embedded SQLite, or PostgreSQL for a cluster) migrated to the latest
 * schema when opened, and its repositories, written once for both back-ends.
 */
export class PlyStore {
  readonly accounts: AccountRepository;
  readonly playbooks: PlaybookRepository;
  /** Every saved document of each playbook. */
  readonly playbookVersions: PlaybookVersionRepository;
  readonly executions: ExecutionRepository;
  readonly checkpoints: CheckpointRepository;
  readonly tokens: ApiTokenRepository;
  readonly connectors: ConnectorInstanceRepository;
  /** The modules a cluster runs (recorded by installs when the store is shared). */
  readonly modules: ClusterModuleRepository;
  /** Keys the store keeps sealed (the webhook tokens' key). */
  readonly keys: StoreKeyRepository;
  /** Timestamped webhook signatures seen within their window (replays refused). */
  readonly webhookSignatures: WebhookSignatureRepository;
  /** Change counters of cached rows (invalidated across a cluster by its change bus). */
  readonly changes = new StoreChanges();
  /** Group commit of execution records (see {@link WriteBatcher}). */
  readonly writes: WriteBatcher;
  /** Seals event data wherever it leaves the process (the store's records, the cluster's run queue). */
  readonly sealer: RecordSealer;

  private constructor(
    /** The database underneath (`SqliteDatabase` or `PostgresDatabase`). */
    readonly db: SqlDatabase,
    options: PlyStoreOptions,
    /** The schema version after migrating. */
    readonly schemaVersion: number,
  ) {
    const shared = db.dialect === 'postgres';
    let key: Buffer | undefined;
    const keySource = (): Buffer => (key ??= options.secretKey ?? loadSecretKey(join(options.home, 'secret.key'), { value: process.env['PLY_SECRET_KEY'], file: process.env['PLY_SECRET_KEY_FILE'], mustExist: shared }));
    const box = new SecretBox(keySource);
    const sealer = new RecordSealer(keySource, options.sealRecords ?? true);
    this.sealer = sealer;
    this.accounts = new AccountRepository(db, box, this.changes);
    this.playbooks = new PlaybookRepository(db, this.changes);
    this.playbookVersions = new PlaybookVersionRepository(db);
    this.writes = new WriteBatcher(db, options.onWriteError);
    const threshold = options.largeValueBytes ?? (shared ? Number.POSITIVE_INFINITY : 64 * 1024);
    this.executions = new ExecutionRepository(db, new StoredValues(join(options.home, 'executions'), threshold, sealer), this.writes, sealer);
    this.checkpoints = new CheckpointRepository(db, sealer);
    this.tokens = new ApiTokenRepository(db);
    this.connectors = new ConnectorInstanceRepository(db, box, this.changes);
    this.modules = new ClusterModuleRepository(db, this.changes);
    this.keys = new StoreKeyRepository(db, box, keySource);
    this.webhookSignatures = new WebhookSignatureRepository(db);
  }

  /**
   * Opens (creating if needed) and migrates the store.
   *
   * @throws PlyError PLY_STORE_ERROR when the database cannot be opened or migrated.
   */
  static async open(options: PlyStoreOptions): Promise<PlyStore> {
    const db = options.databaseUrl
      ? await (await import('./sql/postgres-database.js')).PostgresDatabase.open(options.databaseUrl, options.maxConnections !== undefined ? { maxConnections: options.maxConnections } : {})
      : SqliteDatabase.open(options.path ?? join(options.home, 'ply.db'), options.busyTimeoutMs);
    try {
      const version = await migrate(db, MIGRATIONS);
      return new PlyStore(db, options, version);
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  /** The latest schema version this code knows. */
  static get latestSchemaVersion(): number {
    return MIGRATIONS.length;
  }

  /** True for the shared store of a cluster (PostgreSQL). */
  get shared(): boolean {
    return this.db.dialect === 'postgres';
  }

  /** Commits queued writes now. */
  flush(): Promise<void> {
    return this.writes.flush();
  }

  /** Commits queued writes, then closes the database. */
  async close(): Promise<void> {
    await this.writes.flush();
    await this.db.close();
  }
}
