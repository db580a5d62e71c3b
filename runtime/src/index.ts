import './runtime-errors.js';

export { PlyStore, type PlyStoreOptions } from './store/ply-store.js';
export { AccountRepository, type AccountView, type AccountForRun, type AccountInput, type AccountUpdate, type SecretMarker } from './store/account-repository.js';
export { ApiTokenRepository, API_ROLES, type ApiRole, type ApiTokenRecord } from './store/api-token-repository.js';
export { PlaybookRepository, type PlaybookRecord, type PlaybookRunState, type RunOutcome } from './store/playbook-repository.js';
export { PlaybookVersionRepository, type PlaybookVersionRecord } from './store/playbook-version-repository.js';
export { ExecutionRepository } from './store/execution-repository.js';
export type {
  ExecutionRecord,
  ExecutionStatus,
  ExecutionFilter,
  NewExecution,
  NodeRecord,
  NodeRecordInput,
  NodeRecordStatus,
  RecordedError,
} from './store/execution-record.js';
export { WriteBatcher } from './store/write-batcher.js';
export { CheckpointRepository, StoredCheckpoint, type CheckpointOwnerKind } from './store/checkpoint-repository.js';
export { StoreChanges, STORE_TOPICS, type StoreTopic } from './store/store-changes.js';
export type { SqlDatabase } from './store/sql/sql-database.js';
export { SqliteDatabase } from './store/sql/sqlite-database.js';
export type { PostgresDatabase } from './store/sql/postgres-database.js';
export { SqlQuery, sql, bind, type SqlValue, type SqlDialect, type BoundStatement } from './store/sql/sql-query.js';
export {
  ConnectorInstanceRepository,
  type ConnectorInstanceView,
  type ConnectorInstanceForRun,
  type ConnectorInstanceInput,
  type ConnectorInstanceUpdate,
} from './store/connector-instance-repository.js';
export { isFileReference, type FileReference } from './store/stored-value.js';
export { loadSecretKey } from './store/secret-key.js';
export { rotateSecretKey, type RotateSecretKeyOptions, type RotateSecretKeyResult } from './store/rotate-secret-key.js';
export type { ResealCounts } from './store/key-rotation.js';
export { MIGRATIONS } from './store/migration-list.js';
export { migrate, schemaVersion } from './store/migrator.js';
export type { Migration } from './store/migration.js';
export type { QueuedRun, RunQueue } from './playbooks/run-queue.js';
export type { Coordination } from './supervisor/coordination.js';
export { leasedBody, type LeaseState, type LeaseOptions } from './supervisor/leased-body.js';
export { PlaybookEngine, type PlaybookEngineOptions, type StartOptions, type StartedRun, type ExecutionSummary } from './playbooks/playbook-engine.js';
export { dryRunPlaybook, NOT_KNOWN, type DryRunNode, type DryRunSample } from './playbooks/playbook-dry-run.js';
export { parsePlaybookDocument, parsePlaybookText } from './playbooks/playbook-parser.js';
export { validatePlaybook, type PlaybookValidationContext } from './playbooks/playbook-validator.js';
export { buildPlaybookGraph, type PlaybookGraph, type GraphEdge, type EdgeOutlet } from './playbooks/playbook-graph.js';
export {
  playbookDocumentSchema,
  type PlaybookDocument,
  type PlaybookNode,
  type PlaybookTrigger,
  type ActionNode,
  type ConditionNode,
  type ForeachNode,
  type StoreNode,
  type JoinNode,
  type NodeRetryPolicy,
} from './playbooks/playbook-schema.js';
export { Supervisor, type SupervisorOptions } from './supervisor/supervisor.js';
export { SupervisedInstance, type InstanceBody, type InstanceState, type InstanceStatus } from './supervisor/supervised-instance.js';
export { DEFAULT_RESTART_POLICY, restartDelay, type RestartPolicy } from './supervisor/restart-policy.js';
export { PlaybookTriggers, type PlaybookTriggersOptions, type TriggerStatus } from './supervisor/playbook-triggers.js';
export { ConnectorInstances, type ConnectorInstancesOptions, type ConnectorStatus } from './supervisor/connector-instances.js';
export { HttpIntakeTransport, type HttpIntakeTarget } from './supervisor/http-intake-transport.js';
export { IntakeSink, type IntakeSinkOptions, type IntakeTransport } from './supervisor/intake-sink.js';
export { connectorInstanceBody, type ConnectorInstanceOptions } from './supervisor/connector-instance.js';
export { openRuntime, type Runtime, type RuntimeOptions } from './server/runtime.js';
export { clusterSettings, SERVE_ROLES, type ClusterSettings, type ServeRole } from './cluster/cluster-settings.js';
// The cluster's classes (BullMQ, ioredis) and PostgresDatabase (pg) load on first use, not with
// the runtime: an embedded `ply serve` never pays for them.
export type { Cluster } from './cluster/cluster.js';
export { ModuleSync, type ModuleArtifacts, type ModuleSyncState, type ModuleSyncOptions } from './cluster/module-sync.js';
export { ClusterModuleRepository, type ClusterModuleRecord } from './store/cluster-module-repository.js';
export type { QueueCounts } from './cluster/bullmq-run-queue.js';
export { createServerApp, type ServerAppOptions } from './server/server-app.js';
export type { ServerEnv, Caller } from './server/server-env.js';
export { checkAccount, type AccountCheckResult } from './server/account-check.js';
export { httpStatusOf } from './server/error-status.js';
export { limitBodies, MAX_BODY_BYTES } from './server/request-input.js';
export { authenticate, bearerToken, roleAllows, requireRole } from './server/auth.middleware.js';
export { ROUTES, openApiDocument, type RouteDoc } from './server/openapi.js';
export { WebhookSecrets, WEBHOOK_TOKEN_HEADER, WEBHOOK_SIGNATURE_HEADER } from './server/webhook-secrets.js';
export { prepareFirstStart, DEMO_PLAYBOOK_ID, type FirstStart } from './server/first-start.js';
export { lockHome, LOCK_FILE } from './server/home-lock.js';
export { holdYoungGeneration, releaseUnderLoad } from './server/young-generation.js';
export { startRuntimeServer, type RuntimeServerOptions, type RunningRuntimeServer } from './server/runtime-server.js';
export { RUNTIME_ERRORS } from './runtime-errors.js';
