import type { SqlDialect } from './sql/sql-query.js';

/**
 * One schema change of the store. `version` numbers are consecutive from 1 and never reused;
 * a released migration is never edited (write a new one instead). The one list serves both
 * back-ends: `sql` is given the dialect, and differences are spelled with {@link ddlOf}.
 */
export interface Migration {
  version: number;
  name: string;
  /** The DDL, run inside the migration's transaction. */
  sql: (dialect: SqlDialect) => string;
}

/** The spellings that differ between SQLite and PostgreSQL in our DDL. */
export interface DialectDdl {
  /** Milliseconds since the epoch: SQLite's INTEGER is 64-bit, PostgreSQL's is not. */
  time: string;
  /** SQLite's clustered tables (no rowid); PostgreSQL has no such clause. */
  withoutRowid: string;
}

export function ddlOf(dialect: SqlDialect): DialectDdl {
  return dialect === 'sqlite' ? { time: 'INTEGER', withoutRowid: ' WITHOUT ROWID' } : { time: 'BIGINT', withoutRowid: '' };
}
