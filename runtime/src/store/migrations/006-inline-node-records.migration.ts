import type { Migration } from '../migration.js';

/**
 * The node records of a run that ends within one commit travel in its execution row (a JSON
 * array): one row written per run instead of one per node. `execution_nodes` keeps the records
 * a long run writes while it is under way.
 */
export const inlineNodeRecordsMigration: Migration = {
  version: 6,
  name: 'inline-node-records',
  sql: () => `
    ALTER TABLE executions ADD COLUMN nodes TEXT;
  `,
};
