import { join } from 'node:path';
import type { DependencyContainer } from 'tsyringe';
import type { LoadedModule } from './contracts/manifest.js';
import type { PluginDefinition } from './contracts/plugin.js';
import type { ModuleCatalog } from './catalog/module-catalog.js';
import type { PluginCodeLoader } from './catalog/plugin-code-loader.js';
import { loadPluginPackage } from './catalog/plugin-package.js';
import { createRootContainer, type RootContainerOptions } from './di/root-container.js';
import { MODULE_CATALOG, PLUGIN_CODE, ROOT_LOGGER, SCHEMA_COMPILER, SETTINGS, TEMPLATE_ENGINE } from './di/service-tokens.js';
import type { PlySettings } from './di/settings.js';
import { resolveToken } from './di/tokens.js';
import { ActionExecutor, type ActionRunRequest, type ActionRunResult } from './executor/action-executor.js';
import { CredentialsChecker, type CredentialsCheckRequest } from './executor/credentials-check.js';
import { ItemPreparer } from './executor/item-preparer.js';
import { LongRunningRunner, type ConnectorRunRequest, type TriggerRunRequest } from './executor/long-running-runner.js';
import type { PinoLogger } from './logging/pino-logger.js';
import { loadModuleFolder } from './manifest/module-loader.js';
import type { SchemaCompiler } from './manifest/schema-compiler.js';
import type { TemplateEngine } from './templating/template-engine.js';
import { discoverInstalledModules, discoverWorkspacePlugins, type DiscoveryOptions, type DiscoveryReport } from './catalog/module-discovery.js';

/**
 * The embedding API of the microkernel: one root container and the services built from it. The
 * CLI, the runtime and tests all start here; they receive the kernel's services through these
 * typed properties, never by resolving tokens from the container.
 */
export class Ply {
  /** The kernel's own container (root scope); services outside the kernel never resolve from it. */
  private readonly container: DependencyContainer;
  readonly settings: PlySettings;
  readonly catalog: ModuleCatalog;
  readonly code: PluginCodeLoader;
  /** The root logger (redacting); services take a child of it. */
  readonly logger: PinoLogger;
  readonly schemas: SchemaCompiler;
  readonly templates: TemplateEngine;
  readonly executor: ActionExecutor;
  private readonly longRunning: LongRunningRunner;
  private readonly credentials: CredentialsChecker;

  constructor(options: RootContainerOptions = {}) {
    this.container = createRootContainer(options);
    this.settings = resolveToken(this.container, SETTINGS);
    this.catalog = resolveToken(this.container, MODULE_CATALOG);
    this.code = resolveToken(this.container, PLUGIN_CODE);
    this.logger = resolveToken(this.container, ROOT_LOGGER);
    this.schemas = resolveToken(this.container, SCHEMA_COMPILER);
    this.templates = resolveToken(this.container, TEMPLATE_ENGINE);
    const items = new ItemPreparer(this.container);
    this.executor = new ActionExecutor(this.container, items);
    this.longRunning = new LongRunningRunner(items);
    this.credentials = new CredentialsChecker(this.container, items);
  }

  /**
   * Loads workspace plugins (when `workspaceRoot` is given) and the modules installed in
   * `$PLY_HOME`; with `lazyItems`, each module's item files are read on first use (see
   * {@link DiscoveryOptions}).
   */
  discover(workspaceRoot?: string, options: DiscoveryOptions = {}): DiscoveryReport {
    const reports = [discoverInstalledModules(this.settings.home, this.settings.coreVersion, options)];
    if (workspaceRoot) reports.push(discoverWorkspacePlugins(workspaceRoot, this.settings.coreVersion, options));
    const report: DiscoveryReport = { modules: reports.flatMap((r) => r.modules), errors: reports.flatMap((r) => r.errors) };
    for (const module of report.modules) this.catalog.add(module);
    return report;
  }

  /**
   * Replaces the catalog's installed versions of a module with what is in `$PLY_HOME/modules` now
   * (after an install, upgrade, rollback or uninstall changed that folder).
   */
  reloadInstalled(slug: string): void {
    this.catalog.remove(slug, 'installed');
    const modules = join(this.settings.home, 'modules');
    for (const module of discoverInstalledModules(this.settings.home, this.settings.coreVersion).modules) {
      if (module.manifest.slug === slug && module.dir.startsWith(modules)) this.catalog.add(module);
    }
  }

  /** Adds a plugin package folder (package.json with a `ply` key). */
  addPackage(dir: string): LoadedModule {
    const module = loadPluginPackage(dir, 'folder', this.settings.coreVersion);
    this.catalog.add(module);
    return module;
  }

  /** Adds a bare module folder in Sekoia.io's format: metadata only, unless code is bound later. */
  addModuleFolder(dir: string): LoadedModule {
    const module = loadModuleFolder(dir, { coreVersion: this.settings.coreVersion });
    this.catalog.add(module);
    return module;
  }

  /** Adds a module folder and binds an in-memory plugin definition to it. */
  addPlugin(moduleDir: string, plugin: PluginDefinition): LoadedModule {
    const module = this.addModuleFolder(moduleDir);
    this.code.register(module, plugin);
    this.catalog.markRunnable(module);
    return module;
  }

  /** Runs one action (see {@link ActionExecutor}). */
  run(request: ActionRunRequest): Promise<ActionRunResult> {
    return this.executor.run(request);
  }

  /** Runs a trigger's `start` until `request.signal` aborts, prepared exactly as actions are. */
  runTrigger(request: TriggerRunRequest): Promise<void> {
    return this.longRunning.runTrigger(request);
  }

  /**
   * Runs a module's credentials check with an account's configuration: resolves when the vendor
   * accepts it, rejects with the reason (PLY_NO_IMPLEMENTATION when the module has no check).
   */
  checkCredentials(request: CredentialsCheckRequest): Promise<void> {
    return this.credentials.check(request);
  }

  /** Runs a connector's `start` until `request.signal` aborts, prepared exactly as actions are. */
  runConnector(request: ConnectorRunRequest): Promise<void> {
    return this.longRunning.runConnector(request);
  }
}
