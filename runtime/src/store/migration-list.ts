import type { Migration } from './migration.js';
import { initialMigration } from './migrations/001-initial.migration.js';
import { checkpointsMigration } from './migrations/002-checkpoints.migration.js';
import { apiTokensMigration } from './migrations/003-api-tokens.migration.js';
import { connectorInstancesMigration } from './migrations/004-connector-instances.migration.js';
import { triggerHoldsMigration } from './migrations/005-trigger-holds.migration.js';
import { inlineNodeRecordsMigration } from './migrations/006-inline-node-records.migration.js';
import { clusterModulesMigration } from './migrations/007-cluster-modules.migration.js';
import { playbookVersionsMigration } from './migrations/008-playbook-versions.migration.js';
import { webhookTokenVersionsMigration } from './migrations/009-webhook-token-versions.migration.js';
import { storeKeysMigration } from './migrations/010-store-keys.migration.js';
import { webhookSignaturesMigration } from './migrations/011-webhook-signatures.migration.js';
import { combinedRunRecordsMigration } from './migrations/012-combined-run-records.migration.js';

/** Every migration of the store, in order, for both back-ends. Add a new file under migrations/ and list it here. */
export const MIGRATIONS: readonly Migration[] = [
  initialMigration,
  checkpointsMigration,
  apiTokensMigration,
  connectorInstancesMigration,
  triggerHoldsMigration,
  inlineNodeRecordsMigration,
  clusterModulesMigration,
  playbookVersionsMigration,
  webhookTokenVersionsMigration,
  storeKeysMigration,
  webhookSignaturesMigration,
  combinedRunRecordsMigration,
];
