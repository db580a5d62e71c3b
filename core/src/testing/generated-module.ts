import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PluginDefinition } from '../contracts/plugin.js';
import { buildModuleFiles } from '../manifest/manifest-builder.js';
import { writeModuleFiles } from '../manifest/module-files.js';

/**
 * Writes a plugin's module JSON (as `ply manifest build` would) into a fresh temp folder, so a
 * test can run a plugin whose committed JSON it does not want to depend on.
 */
export function generatedModuleDir(plugin: PluginDefinition, version = '0.0.0-test'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ply-module-')), 'module');
  writeModuleFiles(dir, buildModuleFiles(plugin, version));
  return dir;
}
