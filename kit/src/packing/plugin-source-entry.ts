import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PlyError } from '@ply/core';

/** The `package.json` keys the kit reads to find a plugin's code. */
export type PluginPackageJson = Record<string, unknown> & { name?: string; version?: string; exports?: unknown; main?: string; ply?: { module?: string } };

export function readPackageJson(dir: string): PluginPackageJson {
  const file = join(dir, 'package.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PluginPackageJson;
  } catch (error) {
    throw new PlyError('PLY_MANIFEST_INVALID', `${file}: cannot be read as JSON (${(error as Error).message})`, { cause: error });
  }
}

/**
 * The entry to bundle: the `@ply/source` export when there is one (the TypeScript sources, so no
 * prior build is needed and a stale `dist/` cannot be read by mistake), else the published one.
 */
export function pluginSourceEntry(dir: string, pkg: PluginPackageJson = readPackageJson(dir)): string {
  const root = typeof pkg.exports === 'object' && pkg.exports !== null ? (pkg.exports as Record<string, unknown>)['.'] : pkg.exports;
  const conditions = typeof root === 'object' && root !== null ? (root as Record<string, unknown>) : {};
  const entry = [conditions['@ply/source'], conditions['import'], conditions['default'], typeof root === 'string' ? root : undefined, pkg.main].find((e): e is string => typeof e === 'string');
  if (!entry) throw new PlyError('PLY_MANIFEST_INVALID', `${dir}/package.json names no entry (exports or main)`);
  return resolve(dir, entry);
}
