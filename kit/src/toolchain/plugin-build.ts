import { buildModuleFiles, diffModuleFiles, PlyError, readPluginPackage, writeModuleFiles } from '@ply/core';
import { importPluginSources } from '../packing/plugin-sources.js';
import type { AuthorToolchain } from './author-toolchain.js';
import { compilePlugin } from './plugin-typecheck.js';

/** What `ply build` did. */
export interface BuildOutcome {
  /** Files written under `dist/` (none with `check`). */
  emitted: string[];
  /** Module JSON files rewritten, or (with `check`) differing (`changed`), and removed or left over (`stale`). */
  module: { dir: string; changed: string[]; stale: string[] };
}

/**
 * `ply build`: type-checks the plugin (sources and tests), compiles its sources to `dist/`, and
 * writes its module JSON from the zod definitions, in that order, so a plugin that does not
 * type-check never gets manifests written from it. With `check` (CI), nothing is written: it fails
 * on a type error or when the committed module JSON differs from the definitions.
 */
export async function buildPlugin(dir: string, toolchain: AuthorToolchain, options: { check?: boolean } = {}): Promise<BuildOutcome> {
  const info = readPluginPackage(dir);
  if (!info.version) throw new PlyError('PLY_MANIFEST_INVALID', `${info.packageJson}: no version`);
  const { emitted } = compilePlugin(info.dir, toolchain, { emit: !options.check });
  const { plugin } = await importPluginSources(info.dir);
  const files = buildModuleFiles(plugin, info.version);
  if (!options.check) return { emitted, module: { dir: info.moduleDir, ...writeModuleFiles(info.moduleDir, files) } };
  const diff = diffModuleFiles(info.moduleDir, files);
  if (diff.changed.length + diff.stale.length > 0) {
    throw new PlyError('PLY_MANIFEST_DRIFT', `${info.name ?? info.dir}: committed module JSON differs from the zod definitions (${[...diff.changed, ...diff.stale].join(', ')}); run \`ply build\``, {
      details: { plugins: [{ plugin: info.name ?? info.dir, ...diff }] },
    });
  }
  return { emitted, module: { dir: info.moduleDir, ...diff } };
}
