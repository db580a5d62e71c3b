import type { Migration } from '../migration.js';

/** Durable positions of triggers and connectors (a cursor, the last date seen). */
export const checkpointsMigration: Migration = {
  version: 2,
  name: 'checkpoints',
  sql: `
    CREATE TABLE checkpoints (
      kind TEXT NOT NULL CHECK (kind IN ('trigger', 'connector')),
      owner_id TEXT NOT NULL,
      value TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (kind, owner_id)
    ) WITHOUT ROWID;
  `,
};
