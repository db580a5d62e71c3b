import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PluginDefinition } from '@ply/core';
import { buildModuleFiles } from '@ply/core';
import { writeModuleFiles } from '@ply/core';

/**
 * Writes a plugin's module JSON (as `ply manifest build` would) into a fresh temp folder, so a
 * test can run a plugin whose committed JSON it does not want to depend on.
 */
export function generatedModuleDir(plugin: PluginDefinition, version = '0.0.0-test'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ply-module-')), 'module');
  writeModuleFiles(dir, buildModuleFiles(plugin, version));
  return dir;
}
