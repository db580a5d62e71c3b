import 'reflect-metadata';

export * from './errors/error-catalogue.js';
export * from './errors/ply-error.js';
export * from './contracts/action.js';
export * from './contracts/trigger.js';
export * from './contracts/connector.js';
export * from './contracts/plugin.js';
export type * from './contracts/context.js';
export type * from './contracts/logger.js';
export type * from './contracts/http.js';
export type * from './contracts/file-store.js';
export type * from './contracts/checkpoint.js';
export type * from './contracts/manifest.js';
export type * from './contracts/item-metadata.js';
export { PLY_CORE_VERSION } from './version.js';
export { loadModuleFolder, type LoadModuleOptions } from './manifest/module-loader.js';
export { readJsonFile, toJsonPointer } from './manifest/json-file.js';
export { SchemaCompiler, type SchemaCompilerOptions, type SchemaValidator, type SchemaLocation } from './manifest/schema-compiler.js';
export { buildModuleFiles, toManifestSchema } from './manifest/manifest-builder.js';
export { diffModuleFiles, writeModuleFiles } from './manifest/module-files.js';
export { ModuleCatalog, type CatalogEntry } from './catalog/module-catalog.js';
export { PluginCodeLoader } from './catalog/plugin-code-loader.js';
export { isPluginPackage, loadPluginPackage, readPluginPackage, type PluginPackageInfo } from './catalog/plugin-package.js';
export { TemplateEngine } from './templating/template-engine.js';
export { NodeHttpClient } from './http/node-http-client.js';
export { RateLimiter } from './http/rate-limiter.js';
export { PinoLogger, createRootLogger, type RootLoggerOptions } from './logging/pino-logger.js';
export { Redactor } from './logging/redactor.js';
export { DirectoryFileStore } from './files/directory-file-store.js';
export { ActionExecutor, type ActionRunRequest, type ActionRunResult } from './executor/action-executor.js';
export type { RateLimit } from './executor/run-scope.js';
export { createRootContainer, type RootContainerOptions } from './di/root-container.js';
export { settingsFromEnvironment, type PlySettings } from './di/settings.js';
export * from './di/service-tokens.js';
export { token, resolveToken, provideValue, type Token } from './di/tokens.js';
export { Ply } from './runtime/ply.js';
export { discoverInstalledModules, discoverWorkspacePlugins, type DiscoveryReport } from './runtime/module-discovery.js';
export { lintModule, lintTree, isLintTarget, type LintOptions, type LintReport } from './lint/module-linter.js';
export { formatFinding } from './lint/format-finding.js';
export type { LintFinding, LintSeverity } from './lint/lint-finding.js';
export { ModuleInstaller, type ModuleInstallerOptions, type InstallOutcome, type InstallProgress } from './installer/module-installer.js';
export { ModuleStore, type InstalledModule, type InstallRecord } from './installer/module-store.js';
export { RegistryClient, encodePackageName, normaliseRegistryUrl, type Packument, type PackumentVersion, type SearchHit } from './installer/registry-client.js';
export { readPackageTarball, type PackageFiles } from './installer/tarball-reader.js';
export { DEFAULT_TARBALL_LIMITS, type TarballLimits } from './installer/tarball-limits.js';
export { sha512Integrity, sha1Hex, verifyIntegrity } from './installer/integrity.js';
export { signedMessage, verifyPackageSignature, type RegistryKey, type PackageSignature } from './installer/package-signature.js';
export { breakingArgumentChanges, type BreakingChange } from './installer/argument-changes.js';
export { parseInstallSpec, isPackageName, type InstallSpec } from './installer/install-spec.js';
export { writeFileAtomic } from './installer/atomic-file.js';
export { actionsLibraryFiles } from './docs/library-files.js';
export { actionsLibraryPages, type DocumentedModule } from './docs/actions-library.js';
export { LIBRARY_GROUPS, DEFAULT_MODULE_GROUP, moduleGroup, itemGroup } from './docs/library-groups.js';
export type { DocPage, DocBlock, DocCell } from './docs/doc-page.js';
export { PlyStore, type PlyStoreOptions } from './store/ply-store.js';
export { AccountRepository, type AccountView, type AccountForRun, type AccountInput, type AccountUpdate, type SecretMarker } from './store/account-repository.js';
export { ApiTokenRepository, API_ROLES, type ApiRole, type ApiTokenRecord } from './store/api-token-repository.js';
export { PlaybookRepository, type PlaybookRecord, type PlaybookRunState, type RunOutcome } from './store/playbook-repository.js';
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
export { CheckpointRepository, SqliteCheckpointStore, type CheckpointOwnerKind } from './store/checkpoint-repository.js';
export {
  ConnectorInstanceRepository,
  type ConnectorInstanceView,
  type ConnectorInstanceForRun,
  type ConnectorInstanceInput,
  type ConnectorInstanceUpdate,
} from './store/connector-instance-repository.js';
export { isFileReference, type FileReference } from './store/stored-value.js';
export { loadSecretKey } from './store/secret-key.js';
export type { Migration } from './store/migration.js';
export { PlaybookEngine, type PlaybookEngineOptions, type StartOptions, type StartedRun, type ExecutionSummary } from './playbooks/playbook-engine.js';
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
export { buildTriggerContext, buildConnectorContext, parseItemArguments, type LongRunningContextOptions } from './supervisor/long-running-context.js';
