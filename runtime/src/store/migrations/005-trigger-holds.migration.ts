import type { Migration } from '../migration.js';

/** A playbook's supervised trigger stopped by an operator stays stopped across restarts. */
export const triggerHoldsMigration: Migration = {
  version: 5,
  name: 'trigger-holds',
  sql: () => `
    ALTER TABLE playbooks ADD COLUMN trigger_held INTEGER NOT NULL DEFAULT 0;
  `,
};
