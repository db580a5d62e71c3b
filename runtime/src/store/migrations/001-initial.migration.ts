import { ddlOf, type Migration } from '../migration.js';

/** Accounts, playbooks, executions and their node records. */
export const initialMigration: Migration = {
  version: 1,
  name: 'initial',
  sql: (dialect) => {
    const t = ddlOf(dialect);
    return `
    CREATE TABLE accounts (
      id TEXT PRIMARY KEY,
      module TEXT NOT NULL,
      name TEXT NOT NULL,
      -- the configuration without its secret keys (JSON)
      configuration TEXT NOT NULL,
      -- the secret keys as one AES-256-GCM sealed JSON object, NULL when there are none
      secrets TEXT,
      -- the names of the sealed keys (JSON array), so display needs no decryption
      secret_keys TEXT NOT NULL DEFAULT '[]',
      created_at ${t.time} NOT NULL,
      updated_at ${t.time} NOT NULL,
      UNIQUE (module, name)
    );

    CREATE TABLE playbooks (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      document TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      enabled INTEGER NOT NULL DEFAULT 0,
      consecutive_failures INTEGER NOT NULL DEFAULT 0,
      disabled_reason TEXT,
      created_at ${t.time} NOT NULL,
      updated_at ${t.time} NOT NULL
    );

    CREATE TABLE executions (
      id TEXT PRIMARY KEY,
      playbook_id TEXT NOT NULL REFERENCES playbooks (id) ON DELETE CASCADE,
      playbook_version INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'interrupted')),
      trigger_event TEXT,
      error TEXT,
      created_at ${t.time} NOT NULL,
      started_at ${t.time},
      finished_at ${t.time}
    );
    -- One index only: each one is paid on every run (status filters scan the newest rows).
    CREATE INDEX executions_by_playbook ON executions (playbook_id, created_at);

    CREATE TABLE execution_nodes (
      execution_id TEXT NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      node_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      -- foreach iteration path ("3", "3.0" when nested), NULL outside a foreach body
      iteration TEXT,
      attempt INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('succeeded', 'failed')),
      arguments TEXT,
      results TEXT,
      error TEXT,
      started_at ${t.time} NOT NULL,
      finished_at ${t.time} NOT NULL,
      PRIMARY KEY (execution_id, seq)
    )${t.withoutRowid};
  `;
  },
};
