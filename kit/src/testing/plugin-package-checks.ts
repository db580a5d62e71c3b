import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModuleFiles, diffModuleFiles, type PluginDefinition } from '@ply/core';
import { withItemsTable } from '../docs/readme-table.js';

/**
 * The committed `module/` files of a plugin package (`root`, its folder) that differ from what its
 * definition generates at its package.json version (`ply manifest build` refreshes them): a test
 * expects `{ changed: [], stale: [] }`.
 */
export function moduleFileDrift(root: string, plugin: PluginDefinition): { changed: string[]; stale: string[] } {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return diffModuleFiles(join(root, 'module'), buildModuleFiles(plugin, version));
}

/** Whether a plugin package's README holds the items table its module JSON gives (`ply readme` writes it). */
export function readmeTableIsCurrent(root: string): boolean {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return withItemsTable(readme, join(root, 'module')) === readme;
}
