import { ddlOf, type Migration } from '../migration.js';

/**
 * Timestamped webhook signatures seen within their window, so a copied request is refused when it
 * is sent again (in the store: the refusal holds across restarts and across a cluster's processes).
 */
export const webhookSignaturesMigration: Migration = {
  version: 11,
  name: 'webhook-signatures',
  sql: (dialect) => {
    const { time, withoutRowid } = ddlOf(dialect);
    return `
    CREATE TABLE webhook_signatures (
      playbook_id TEXT NOT NULL,
      signature TEXT NOT NULL,
      seen_at ${time} NOT NULL,
      PRIMARY KEY (playbook_id, signature)
    )${withoutRowid};
    CREATE INDEX webhook_signatures_seen_at ON webhook_signatures (seen_at);
  `;
  },
};
