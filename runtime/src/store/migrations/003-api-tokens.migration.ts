import { ddlOf, type Migration } from '../migration.js';

/** API tokens of the runtime server: only a hash is kept; the token is shown once, at creation. */
export const apiTokensMigration: Migration = {
  version: 3,
  name: 'api-tokens',
  sql: (dialect) => {
    const t = ddlOf(dialect);
    return `
    CREATE TABLE api_tokens (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
      token_hash TEXT NOT NULL UNIQUE,
      created_at ${t.time} NOT NULL,
      last_used_at ${t.time}
    );
  `;
  },
};
