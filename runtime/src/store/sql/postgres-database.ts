import pg from 'pg';
import { redactedUrl } from '../../redacted-url.js';
import { PlyError } from '@ply/core';
import type { SqlDatabase } from './sql-database.js';
import type { BoundStatement, SqlQuery, SqlValue } from './sql-query.js';

const INT8_OID = 20;

/**
 * Timestamps are milliseconds in BIGINT columns; `pg` reads BIGINT as text by default (it may
 * exceed 2^53). Ours never do, so they come back as numbers: the row types are SQLite's.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text'))) as typeof pg.types.getTypeParser,
};

/** An arbitrary key of the advisory lock that serialises migrations of concurrent starts. */
const MIGRATION_LOCK = 7_403_192_206;

/**
 * The shared back-end of a cluster: PostgreSQL through a `pg` pool (`PLY_DATABASE_URL`). A
 * batch takes one connection for its transaction; other statements use any free connection.
 */
export class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const;
  readonly location: string;

  private constructor(
    private readonly pool: pg.Pool,
    url: string,
  ) {
    this.location = redactedUrl(url, 'postgres');
  }

  /**
   * Connects (one round trip to check the server answers).
   *
   * @throws PlyError PLY_STORE_ERROR when the server cannot be reached or refuses the login.
   */
  static async open(url: string, options: { maxConnections?: number } = {}): Promise<PostgresDatabase> {
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, types });
    // An idle connection dropped by the server must not crash the process: the pool replaces it.
    pool.on('error', () => {});
    const database = new PostgresDatabase(pool, url);
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      await pool.end();
      throw new PlyError('PLY_STORE_ERROR', `cannot connect to the store at ${database.location}: ${(error as Error).message}`, { cause: error });
    }
    return database;
  }

  async all<P extends SqlValue[], R extends Record<string, unknown>>(query: SqlQuery<P, R>, ...params: P): Promise<R[]> {
    return (await this.pool.query<R>(query.postgres, params)).rows;
  }

  async get<P extends SqlValue[], R extends Record<string, unknown>>(query: SqlQuery<P, R>, ...params: P): Promise<R | undefined> {
    return (await this.pool.query<R>(query.postgres, params)).rows[0];
  }

  async run<P extends SqlValue[], R extends Record<string, unknown>>(query: SqlQuery<P, R>, ...params: P): Promise<number> {
    return (await this.pool.query<R>(query.postgres, params)).rowCount ?? 0;
  }

  async batch(statements: readonly BoundStatement[]): Promise<number[]> {
    // One statement is atomic on its own: one round trip instead of BEGIN, it and COMMIT.
    if (statements.length === 1) return [(await this.pool.query(statements[0]!.postgres.text, statements[0]!.postgres.values)).rowCount ?? 0];
    return this.transaction(async (client) => {
      const changes: number[] = [];
      for (const { postgres } of statements) changes.push((await client.query(postgres.text, postgres.values)).rowCount ?? 0);
      return changes;
    });
  }

  async script(text: string, after?: BoundStatement): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(text);
      if (after) await client.query(after.postgres.text, after.postgres.values);
    });
  }

  async withMigrationLock<T>(work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  isUniqueViolation(error: unknown): boolean {
    return (error as { code?: unknown } | null)?.code === '23505';
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}
