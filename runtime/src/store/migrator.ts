import { PlyError } from '@ply/core';
import type { Migration } from './migration.js';
import type { SqlDatabase } from './sql/sql-database.js';
import { bind, sql } from './sql/sql-query.js';

const createTable = 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)';
const currentVersion = sql<[], { version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
const recordVersion = sql<[number, string, number]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');

/** The schema version of a database: the highest migration applied, 0 for a new one. */
export async function schemaVersion(db: SqlDatabase): Promise<number> {
  await db.script(createTable);
  return (await db.get(currentVersion))?.version ?? 0;
}

/**
 * Applies the migrations above the database's version, each in its own transaction (a failed
 * migration leaves the database at the previous version), holding the database's migration lock
 * so that processes starting together migrate once. `target` stops early (tests).
 *
 * @returns the version reached.
 * @throws PlyError PLY_STORE_ERROR when the database is newer than this code, or a migration fails.
 */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[], target?: number): Promise<number> {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new PlyError('PLY_INTERNAL', `migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`);
  });
  const latest = migrations.length;
  const goal = target ?? latest;
  return db.withMigrationLock(async () => {
    let current = await schemaVersion(db);
    if (current > latest) {
      throw new PlyError('PLY_STORE_ERROR', `the store is at schema version ${current} but this Ply knows only up to ${latest}: upgrade Ply`, { details: { version: current, latest } });
    }
    for (const migration of migrations.slice(current, goal)) {
      try {
        await db.script(migration.sql(db.dialect), bind(recordVersion, migration.version, migration.name, Date.now()));
      } catch (error) {
        throw new PlyError('PLY_STORE_ERROR', `migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
      }
      current = migration.version;
    }
    return current;
  });
}
