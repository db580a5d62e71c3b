import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { LoadedModule, ModuleSource } from '../contracts/manifest.js';
import { toPlyError, type PlyError } from '../errors/ply-error.js';
import { isPluginPackage, loadPluginPackage } from './plugin-package.js';
import { readActiveVersion } from './active-version.js';

export interface DiscoveryReport {
  modules: LoadedModule[];
  /** Folders that look like modules but failed to load, each with a precise error. */
  errors: Array<{ dir: string; error: PlyError }>;
}

/** A folder, or a link to one (a plugin linked into a checkout's `plugins/`): a broken link is neither. */
function isFolder(dir: string, entry: Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(join(dir, entry.name)).isDirectory();
  } catch {
    return false;
  }
}

function subfolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.') && isFolder(dir, entry))
    .map((entry) => join(dir, entry.name))
    .sort();
}

/** Options of the discovery functions. */
export interface DiscoveryOptions {
  /**
   * Read each module's item files on first use of its items (see `LoadModuleOptions.lazyItems`):
   * a module whose item file is invalid is then reported by its `itemsError`, not in
   * {@link DiscoveryReport.errors}. Default false: every item file is read and checked here.
   */
  lazyItems?: boolean;
}

function loadAll(dirs: string[], source: ModuleSource, coreVersion: string, report: DiscoveryReport, options: DiscoveryOptions): void {
  for (const dir of dirs) {
    if (!isPluginPackage(dir)) continue;
    try {
      // Discovered folders stay in place while their modules are in use: schemas (and, when asked, items) load on first use.
      const module = loadPluginPackage(dir, source, coreVersion, { lazySchemas: true, lazyItems: true });
      if (!options.lazyItems && module.itemsError) report.errors.push({ dir, error: module.itemsError });
      else report.modules.push(module);
    } catch (error) {
      report.errors.push({ dir, error: toPlyError(error) });
    }
  }
}

/** Plugin packages of a workspace checkout: `<root>/plugins/<slug>/`. */
export function discoverWorkspacePlugins(workspaceRoot: string, coreVersion: string, options: DiscoveryOptions = {}): DiscoveryReport {
  const report: DiscoveryReport = { modules: [], errors: [] };
  loadAll(subfolders(join(workspaceRoot, 'plugins')), 'workspace', coreVersion, report, options);
  return report;
}

/** Installed packages: `$PLY_HOME/modules/<slug>/<version>/`, several versions side by side. */
export function discoverInstalledModules(home: string, coreVersion: string, options: DiscoveryOptions = {}): DiscoveryReport {
  const report: DiscoveryReport = { modules: [], errors: [] };
  for (const slugDir of subfolders(join(home, 'modules'))) {
    const first = report.modules.length;
    loadAll(subfolders(slugDir), 'installed', coreVersion, report, options);
    // The `active` marker (written by install, upgrade and rollback) picks the version in use.
    const active = readActiveVersion(slugDir);
    for (const module of report.modules.slice(first)) if (active && module.manifest.version === active) module.active = true;
  }
  return report;
}
