import { ddlOf, type Migration } from '../migration.js';

/**
 * Every saved document of a playbook, so an earlier one can be read (an execution's picture) and
 * restored, with the text it was written as (YAML comments and layout kept for the editor) when
 * it came as text. The current documents become the first kept versions.
 */
export const playbookVersionsMigration: Migration = {
  version: 8,
  name: 'playbook-versions',
  sql: (dialect) => {
    const t = ddlOf(dialect);
    return `
    CREATE TABLE playbook_versions (
      playbook_id TEXT NOT NULL REFERENCES playbooks (id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      name TEXT NOT NULL,
      document TEXT NOT NULL,
      source TEXT,
      saved_by TEXT,
      created_at ${t.time} NOT NULL,
      PRIMARY KEY (playbook_id, version)
    )${t.withoutRowid};
    INSERT INTO playbook_versions (playbook_id, version, name, document, created_at) SELECT id, version, name, document, updated_at FROM playbooks;
  `;
  },
};
