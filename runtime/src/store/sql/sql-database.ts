import type { BoundStatement, SqlDialect, SqlQuery, SqlValue } from './sql-query.js';

/**
 * What the store's repositories need of a database, implemented for SQLite (better-sqlite3,
 * synchronous underneath: each promise is settled when it is returned) and PostgreSQL (`pg`).
 * Repositories are written once against it.
 */
export interface SqlDatabase {
  readonly dialect: SqlDialect;
  /** Where the database is, for messages (a file path, or the URL without its password). */
  readonly location: string;
  all<P extends SqlValue[], R extends Record<string, unknown>>(query: SqlQuery<P, R>, ...params: P): Promise<R[]>;
  get<P extends SqlValue[], R extends Record<string, unknown>>(query: SqlQuery<P, R>, ...params: P): Promise<R | undefined>;
  /** Runs a write; resolves with the number of rows it changed. */
  run<P extends SqlValue[], R extends Record<string, unknown>>(query: SqlQuery<P, R>, ...params: P): Promise<number>;
  /** Runs the statements in one transaction (all or none); resolves with each one's changed rows. */
  batch(statements: readonly BoundStatement[]): Promise<number[]>;
  /** Runs a script of DDL statements with no parameters (a migration) in one transaction, then `after`. */
  script(text: string, after?: BoundStatement): Promise<void>;
  /** Runs `work` while holding the database's migration lock (PostgreSQL: an advisory lock; SQLite: the file's). */
  withMigrationLock<T>(work: () => Promise<T>): Promise<T>;
  /** True when `error` is a violation of a UNIQUE constraint or primary key. */
  isUniqueViolation(error: unknown): boolean;
  close(): Promise<void>;
}
