import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PluginDefinition } from '@ply/core';
import { buildModuleFiles, diffModuleFiles } from '@ply/core';
import { withItemsTable } from '../docs/readme-table.js';

/**
 * What a plugin package's committed files lack against its code: the `module/` JSON files that
 * `ply manifest build` would change or remove, and whether `ply readme` would rewrite the README's
 * items table (`'none'` when the README has no table). A drift test expects
 * `{ changed: [], stale: [], readme: 'up to date' }`.
 */
export function packageDrift(root: string, plugin: PluginDefinition): { changed: string[]; stale: string[]; readme: 'up to date' | 'stale' | 'none' } {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const moduleDir = join(root, 'module');
  const { changed, stale } = diffModuleFiles(moduleDir, buildModuleFiles(plugin, version));
  const readmePath = join(root, 'README.md');
  const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
  let state: 'up to date' | 'stale' | 'none' = 'none';
  try {
    state = withItemsTable(readme, moduleDir) === readme ? 'up to date' : 'stale';
  } catch {
    // No markers: nothing generated to compare.
  }
  return { changed, stale, readme: state };
}
