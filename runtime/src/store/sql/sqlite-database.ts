import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { PlyError } from '@ply/core';
import { storeWriteError } from '../store-write-error.js';
import type { SqlDatabase } from './sql-database.js';
import type { BoundStatement, SqlQuery, SqlValue } from './sql-query.js';
import { WalCheckpointer } from './wal-checkpointer.js';

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

/** Migrations under way in this process, by database file. */
const migrating = new Map<string, Promise<void>>();

/**
 * The embedded back-end: one SQLite file (WAL, foreign keys, busy timeout) through
 * better-sqlite3. Every call runs synchronously and returns a settled promise, so a caller that
 * awaits pays a microtask, never a thread hop. The WAL's checkpoints wait for their sync off the
 * event loop (see {@link WalCheckpointer}).
 */
export class SqliteDatabase implements SqlDatabase {
  readonly dialect = 'sqlite' as const;

  private constructor(
    /** The better-sqlite3 connection (tests and benchmarks read it directly). */
    readonly raw: Database.Database,
    readonly location: string,
    /** Runs the WAL's checkpoints; undefined for a database without a WAL (in memory). */
    readonly checkpoints: WalCheckpointer | undefined,
  ) {
    // Made once: better-sqlite3 builds a wrapper and its savepoint statements per transaction() call.
    this.runAll = raw.transaction((statements: readonly BoundStatement[]) => statements.map((statement) => statement.sqlite(raw)));
  }

  private readonly runAll: (statements: readonly BoundStatement[]) => number[];

  /** @throws PlyError PLY_STORE_ERROR when the file cannot be opened. */
  static open(path: string, busyTimeoutMs = 5000): SqliteDatabase {
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      makePrivate(path);
      const db = new Database(path, NATIVE_BINDING ? { nativeBinding: NATIVE_BINDING } : {});
      const wal = db.pragma('journal_mode = WAL', { simple: true }) === 'wal';
      // NORMAL under WAL: a commit survives a process crash; only an OS crash may lose the last ones.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
      return new SqliteDatabase(db, path, wal ? new WalCheckpointer(db, `${path}-wal`) : undefined);
    } catch (error) {
      throw new PlyError('PLY_STORE_ERROR', `cannot open the store at ${path}: ${(error as Error).message}`, { cause: error });
    }
  }

  all<P extends SqlValue[], R extends Record<string, unknown>>(query: SqlQuery<P, R>, ...params: P): Promise<R[]> {
    return this.settle(() => query.statementOn(this.raw).all(...params));
  }

  get<P extends SqlValue[], R extends Record<string, unknown>>(query: SqlQuery<P, R>, ...params: P): Promise<R | undefined> {
    return this.settle(() => query.statementOn(this.raw).get(...params));
  }

  run<P extends SqlValue[], R extends Record<string, unknown>>(query: SqlQuery<P, R>, ...params: P): Promise<number> {
    return this.settle(() => this.committed(query.statementOn(this.raw).run(...params).changes, 1));
  }

  batch(statements: readonly BoundStatement[]): Promise<number[]> {
    return this.settle(() => this.batchNow(statements));
  }

  /** {@link batch}, synchronously: the write batcher commits with it. */
  batchNow(statements: readonly BoundStatement[]): number[] {
    return this.committed(this.runAll(statements), statements.length);
  }

  script(text: string, after?: BoundStatement): Promise<void> {
    return this.settle(() =>
      this.committed(
        this.raw.transaction(() => {
          this.raw.exec(text);
          after?.sqlite(this.raw);
        })(),
        1,
      ),
    );
  }

  withMigrationLock<T>(work: () => Promise<T>): Promise<T> {
    // One `ply serve` per $PLY_HOME (its lock file) keeps migrations to one process; within it,
    // stores opened on the same file at once migrate one after the other.
    const before = migrating.get(this.location) ?? Promise.resolve();
    const mine = before.then(work, work);
    migrating.set(this.location, mine.then(() => undefined, () => undefined));
    return mine;
  }

  isUniqueViolation(error: unknown): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  }

  /** Runs a call now; a full disk or an I/O error becomes PLY_STORE_ERROR (the transaction was rolled back). */
  private settle<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(storeWriteError(error, `the store (${basename(this.location)})`) as Error);
    }
  }

  /** A write of `rows` statements committed: `result` passed through. */
  private committed<T>(result: T, rows: number): T {
    this.checkpoints?.wrote(rows);
    return result;
  }

  close(): Promise<void> {
    this.checkpoints?.close();
    if (this.raw.open) this.raw.close();
    return Promise.resolve();
  }
}

/**
 * SQLite creates a database 0644 and its WAL and shared-memory files with the database's mode:
 * the file is created (or narrowed) to 0600 first, so none of them is readable by others,
 * whatever the umask or the mode an older version left.
 */
function makePrivate(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    try {
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
