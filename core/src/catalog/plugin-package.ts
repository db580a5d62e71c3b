import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LoadedModule, ModuleSource } from '../contracts/manifest.js';
import { PlyError } from '../errors/ply-error.js';
import { loadModuleFolder } from '../manifest/module-loader.js';

/** The `package.json` keys Ply reads from a plugin package. */
interface PluginPackageJson {
  name?: string;
  version?: string;
  main?: string;
  exports?: string | Record<string, unknown>;
  /** `ply.module`: the folder holding manifest.json and the item JSON files (default `module`). */
  ply?: { module?: string };
}

function entryOf(pkg: PluginPackageJson): string | undefined {
  const root = typeof pkg.exports === 'object' && pkg.exports !== null ? pkg.exports['.'] : pkg.exports;
  if (typeof root === 'string') return root;
  if (typeof root === 'object' && root !== null) {
    const conditions = root as Record<string, unknown>;
    for (const key of ['import', 'default']) if (typeof conditions[key] === 'string') return conditions[key] as string;
  }
  return pkg.main;
}

/** True when the folder is a plugin package (package.json with a `ply` key). */
export function isPluginPackage(dir: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return typeof (JSON.parse(readFileSync(file, 'utf8')) as PluginPackageJson).ply === 'object';
  } catch {
    return false;
  }
}

/** What Ply reads from a plugin package's `package.json`, with paths made absolute. */
export interface PluginPackageInfo {
  dir: string;
  packageJson: string;
  name?: string;
  version?: string;
  /** The code entry (ESM), if the package has code. */
  entry?: string;
  /** The module folder (manifest.json and item files). */
  moduleDir: string;
}

export function readPluginPackage(packageDir: string): PluginPackageInfo {
  const dir = resolve(packageDir);
  const file = join(dir, 'package.json');
  let pkg: PluginPackageJson;
  try {
    pkg = JSON.parse(readFileSync(file, 'utf8')) as PluginPackageJson;
  } catch (error) {
    throw new PlyError('PLY_MANIFEST_INVALID', `${file}: cannot be read as JSON (${(error as Error).message})`, { cause: error });
  }
  const entry = entryOf(pkg);
  return {
    dir,
    packageJson: file,
    ...(pkg.name ? { name: pkg.name } : {}),
    ...(pkg.version ? { version: pkg.version } : {}),
    ...(entry ? { entry: resolve(dir, entry) } : {}),
    moduleDir: join(dir, pkg.ply?.module ?? 'module'),
  };
}

/**
 * Loads a plugin package's module from JSON: `package.json` names the module folder and the
 * code entry; the code itself is not imported here.
 */
export function loadPluginPackage(packageDir: string, source: ModuleSource, coreVersion: string, options: { lazySchemas?: boolean; lazyItems?: boolean } = {}): LoadedModule {
  const info = readPluginPackage(packageDir);
  const module = loadModuleFolder(info.moduleDir, {
    source,
    coreVersion,
    ...(options.lazySchemas ? { lazySchemas: true } : {}),
    ...(options.lazyItems ? { lazyItems: true } : {}),
    ...(info.entry ? { entry: info.entry } : {}),
    ...(info.name ? { packageName: info.name } : {}),
  });
  if (info.version !== undefined && info.version !== module.manifest.version) {
    module.warnings.push({ file: info.packageJson, pointer: '/version', message: `package.json version ${info.version} differs from manifest.json version ${module.manifest.version}` });
  }
  return module;
}
