import { ddlOf, type Migration } from '../migration.js';

/** Durable positions of triggers and connectors (a cursor, the last date seen). */
export const checkpointsMigration: Migration = {
  version: 2,
  name: 'checkpoints',
  sql: (dialect) => {
    const t = ddlOf(dialect);
    return `
    CREATE TABLE checkpoints (
      kind TEXT NOT NULL CHECK (kind IN ('trigger', 'connector')),
      owner_id TEXT NOT NULL,
      value TEXT NOT NULL,
      updated_at ${t.time} NOT NULL,
      PRIMARY KEY (kind, owner_id)
    )${t.withoutRowid};
  `;
  },
};
