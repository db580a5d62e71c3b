import type { Migration } from '../migration.js';

/**
 * No table changes: from this version, a run that ends before its row is inserted keeps its node
 * records in `trigger_event` with the event, sealed once (see `combinedRecord` in
 * execution-repository.ts); `nodes` stays NULL for it. Rows written before are read as they are.
 * The version marks the shape, so that an older Ply refuses the store ("upgrade Ply") rather
 * than misread those rows.
 */
export const combinedRunRecordsMigration: Migration = {
  version: 12,
  name: 'combined-run-records',
  sql: () => 'SELECT 1;',
};
