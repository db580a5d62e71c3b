import type { Migration } from '../migration.js';

/**
 * Keys the store keeps for itself, sealed under the secret key (today the key webhook tokens
 * derive from), so a rotation of the secret key re-seals them instead of changing what they give.
 */
export const storeKeysMigration: Migration = {
  version: 10,
  name: 'store-keys',
  sql: () => `
    CREATE TABLE store_keys (
      name TEXT PRIMARY KEY,
      sealed TEXT NOT NULL
    );
  `,
};
