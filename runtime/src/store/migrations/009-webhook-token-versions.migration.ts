import type { Migration } from '../migration.js';

/** Each playbook's webhook token can be rotated: its version is part of the token's derivation. */
export const webhookTokenVersionsMigration: Migration = {
  version: 9,
  name: 'webhook-token-versions',
  sql: () => `
    ALTER TABLE playbooks ADD COLUMN webhook_token_version INTEGER NOT NULL DEFAULT 0;
  `,
};
