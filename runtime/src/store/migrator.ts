import type Database from 'better-sqlite3';
import { PlyError } from '@ply/core';
import type { Migration } from './migration.js';

/** The schema version of a database: the highest migration applied, 0 for a new file. */
export function schemaVersion(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

/**
 * Applies the migrations above the database's version, each in its own transaction (a failed
 * migration leaves the database at the previous version). `target` stops early (tests).
 *
 * @returns the version reached.
 * @throws PlyError PLY_STORE_ERROR when the database is newer than this code, or a migration fails.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], target?: number): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new PlyError('PLY_INTERNAL', `migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`);
  });
  const latest = migrations.length;
  const goal = target ?? latest;
  let current = schemaVersion(db);
  if (current > latest) {
    throw new PlyError('PLY_STORE_ERROR', `the store is at schema version ${current} but this Ply knows only up to ${latest}: upgrade Ply`, { details: { version: current, latest } });
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations.slice(current, goal)) {
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        record.run(migration.version, migration.name, Date.now());
      })();
    } catch (error) {
      throw new PlyError('PLY_STORE_ERROR', `migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
    }
    current = migration.version;
  }
  return current;
}
