import { ddlOf, type Migration } from '../migration.js';

/**
 * The modules a cluster runs: per slug, the package, version and integrity an admin installed,
 * and the registry it came from, so every process fetches and verifies the same artifact.
 */
export const clusterModulesMigration: Migration = {
  version: 7,
  name: 'cluster-modules',
  sql: (dialect) => {
    const t = ddlOf(dialect);
    return `
    CREATE TABLE cluster_modules (
      slug TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      version TEXT NOT NULL,
      integrity TEXT NOT NULL,
      registry TEXT NOT NULL,
      recorded_at ${t.time} NOT NULL
    );
  `;
  },
};
