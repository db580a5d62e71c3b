import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { PlyError } from '@ply/core';
import { AccountRepository } from './account-repository.js';
import { ApiTokenRepository } from './api-token-repository.js';
import { CheckpointRepository } from './checkpoint-repository.js';
import { ConnectorInstanceRepository } from './connector-instance-repository.js';
import { ExecutionRepository } from './execution-repository.js';
import { MIGRATIONS } from './migration-list.js';
import { migrate } from './migrator.js';
import { PlaybookRepository } from './playbook-repository.js';
import { SecretBox } from './secret-box.js';
import { loadSecretKey } from './secret-key.js';
import { StoredValues } from './stored-value.js';
import { WriteBatcher } from './write-batcher.js';

/** Options of {@link PlyStore.open}. */
export interface PlyStoreOptions {
  /** `$PLY_HOME`: the database is `<home>/ply.db`, large values go to `<home>/executions/`. */
  home: string;
  /** Database file (default `<home>/ply.db`). */
  path?: string;
  /** The secret key (32 bytes); default `PLY_SECRET_KEY` or `<home>/secret.key`, read on first use. */
  secretKey?: Buffer;
  /** Record values (arguments, results, trigger events) larger than this, serialised, go to files. Default 64 KiB. */
  largeValueBytes?: number;
  /** Told about a batched write that failed with nobody waiting for it (default: ignored). */
  onWriteError?: (error: unknown) => void;
  /** How long a writer waits for a lock held by another connection, in ms. Default 5,000. */
  busyTimeoutMs?: number;
}

/**
 * The embedded store: one SQLite database (WAL, foreign keys, busy timeout), migrated to the
 * latest schema when opened, and its repositories. Synchronous underneath (better-sqlite3):
 * statements are prepared once and each write is a short transaction.
 */
/**
 * better-sqlite3's compiled addon, where its build puts it: handed to the constructor, it spares
 * every start the `bindings` package's search through a dozen candidate paths (about 15 ms).
 * Undefined (the search as usual) when the addon is elsewhere.
 */
const NATIVE_BINDING = ((): string | undefined => {
  try {
    const file = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
})();

export class PlyStore {
  readonly db: Database.Database;
  readonly accounts: AccountRepository;
  readonly playbooks: PlaybookRepository;
  readonly executions: ExecutionRepository;
  readonly checkpoints: CheckpointRepository;
  readonly tokens: ApiTokenRepository;
  readonly connectors: ConnectorInstanceRepository;
  /** The schema version after migrating. */
  readonly schemaVersion: number;
  /** Group commit of execution records (see {@link WriteBatcher}). */
  readonly writes: WriteBatcher;

  private constructor(db: Database.Database, options: PlyStoreOptions, schemaVersion: number) {
    this.db = db;
    this.schemaVersion = schemaVersion;
    const box = new SecretBox(() => options.secretKey ?? loadSecretKey(join(options.home, 'secret.key')));
    this.accounts = new AccountRepository(db, box);
    this.playbooks = new PlaybookRepository(db);
    this.writes = new WriteBatcher(db, options.onWriteError);
    this.executions = new ExecutionRepository(db, new StoredValues(join(options.home, 'executions'), options.largeValueBytes ?? 64 * 1024), this.writes);
    this.checkpoints = new CheckpointRepository(db);
    this.tokens = new ApiTokenRepository(db);
    this.connectors = new ConnectorInstanceRepository(db, box);
  }

  /**
   * Opens (creating if needed) and migrates the store.
   *
   * @throws PlyError PLY_STORE_ERROR when the file cannot be opened or migrated.
   */
  static open(options: PlyStoreOptions): PlyStore {
    const path = options.path ?? join(options.home, 'ply.db');
    let db: Database.Database;
    try {
      mkdirSync(dirname(path), { recursive: true });
      db = new Database(path, NATIVE_BINDING ? { nativeBinding: NATIVE_BINDING } : {});
      db.pragma('journal_mode = WAL');
      // NORMAL under WAL: a commit survives a process crash; only an OS crash may lose the last ones.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    } catch (error) {
      throw new PlyError('PLY_STORE_ERROR', `cannot open the store at ${path}: ${(error as Error).message}`, { cause: error });
    }
    try {
      const version = migrate(db, MIGRATIONS);
      return new PlyStore(db, options, version);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** The latest schema version this code knows. */
  static get latestSchemaVersion(): number {
    return MIGRATIONS.length;
  }

  /** Runs `work` in one transaction (nested calls become savepoints). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Commits queued writes now. */
  flush(): void {
    this.writes.flush();
  }

  /** Commits queued writes, then closes the database. */
  close(): void {
    if (!this.db.open) return;
    this.writes.flush();
    this.db.close();
  }
}
