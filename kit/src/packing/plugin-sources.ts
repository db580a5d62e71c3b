import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPluginDefinition, isPlyError, PlyError, type PluginDefinition } from '@ply/core';
import { bundlePlugin } from './plugin-bundler.js';
import { pluginSourceEntry } from './plugin-source-entry.js';

/**
 * Imports a plugin from its TypeScript sources, not from `dist/`: its `@ply/source` entry is bundled
 * (as `ply pack` bundles it, `@ply/core` external so its definitions are the running core's) into a
 * file under the package's `node_modules/.cache/ply/`, where the package's own dependencies
 * resolve, imported once, and deleted. So `ply manifest check` and `ply lint` see the code as it
 * is now, even when the build is stale or was never run.
 */
export async function importPluginSources(packageDir: string): Promise<{ plugin: PluginDefinition; entry: string }> {
  const dir = resolve(packageDir);
  const entry = pluginSourceEntry(dir);
  const cache = join(dir, 'node_modules', '.cache', 'ply');
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `sources-${randomBytes(6).toString('hex')}.mjs`);
  try {
    await bundlePlugin(entry, file, { minify: false });
    const exported = (await import(pathToFileURL(file).href)) as { default?: unknown };
    if (!isPluginDefinition(exported.default)) throw new PlyError('PLY_PLUGIN_LOAD_FAILED', `${entry} does not export a definePlugin(...) or module.plugin(...) object as default`);
    return { plugin: exported.default, entry };
  } catch (error) {
    if (isPlyError(error)) throw error;
    throw new PlyError('PLY_PLUGIN_LOAD_FAILED', `cannot import ${entry}: ${(error as Error).message}`, { cause: error });
  } finally {
    rmSync(file, { force: true });
  }
}
