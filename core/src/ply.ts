import type { DependencyContainer } from 'tsyringe';
import type { LoadedModule } from './contracts/manifest.js';
import type { PluginDefinition } from './contracts/plugin.js';
import type { ModuleCatalog } from './catalog/module-catalog.js';
import type { PluginCodeLoader } from './catalog/plugin-code-loader.js';
import { loadPluginPackage } from './catalog/plugin-package.js';
import { createRootContainer, type RootContainerOptions } from './di/root-container.js';
import { MODULE_CATALOG, PLUGIN_CODE, SETTINGS } from './di/service-tokens.js';
import type { PlySettings } from './di/settings.js';
import { resolveToken } from './di/tokens.js';
import { ActionExecutor, type ActionRunRequest, type ActionRunResult } from './executor/action-executor.js';
import { loadModuleFolder } from './manifest/module-loader.js';
import { discoverInstalledModules, discoverWorkspacePlugins, type DiscoveryReport } from './catalog/module-discovery.js';

/**
 * The embedding API of the microkernel: one root container, its module catalog and executor.
 * The CLI, the server and tests all start here.
 */
export class Ply {
  readonly container: DependencyContainer;
  readonly catalog: ModuleCatalog;
  readonly code: PluginCodeLoader;
  readonly executor: ActionExecutor;
  readonly settings: PlySettings;

  constructor(options: RootContainerOptions = {}) {
    this.container = createRootContainer(options);
    this.catalog = resolveToken(this.container, MODULE_CATALOG);
    this.code = resolveToken(this.container, PLUGIN_CODE);
    this.settings = resolveToken(this.container, SETTINGS);
    this.executor = new ActionExecutor(this.container);
  }

  /** Loads workspace plugins (when `workspaceRoot` is given) and the modules installed in `$PLY_HOME`. */
  discover(workspaceRoot?: string): DiscoveryReport {
    const reports = [discoverInstalledModules(this.settings.home, this.settings.coreVersion)];
    if (workspaceRoot) reports.push(discoverWorkspacePlugins(workspaceRoot, this.settings.coreVersion));
    const report: DiscoveryReport = { modules: reports.flatMap((r) => r.modules), errors: reports.flatMap((r) => r.errors) };
    for (const module of report.modules) this.catalog.add(module);
    return report;
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
    return module;
  }

  run(request: ActionRunRequest): Promise<ActionRunResult> {
    return this.executor.run(request);
  }
}
