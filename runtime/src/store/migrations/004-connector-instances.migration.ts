import { ddlOf, type Migration } from '../migration.js';

/**
 * Configured connector instances: which connector, with which account, its own arguments (the
 * secret ones sealed apart, with the intake key), where its events go, and whether it should run.
 */
export const connectorInstancesMigration: Migration = {
  version: 4,
  name: 'connector-instances',
  sql: (dialect) => {
    const t = ddlOf(dialect);
    return `
    CREATE TABLE connector_instances (
      id TEXT PRIMARY KEY,
      module TEXT NOT NULL,
      connector TEXT NOT NULL,
      account TEXT,
      arguments TEXT NOT NULL,
      secrets TEXT,
      secret_keys TEXT NOT NULL,
      intake_url TEXT NOT NULL,
      intake_key_set INTEGER NOT NULL DEFAULT 0,
      enabled INTEGER NOT NULL DEFAULT 0,
      created_at ${t.time} NOT NULL,
      updated_at ${t.time} NOT NULL
    );
  `;
  },
};
