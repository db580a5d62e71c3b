import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildModuleFiles, diffModuleFiles, writeModuleFiles } from '@ply/core';
import { isPluginPackage, PlyError, readPluginPackage } from '@ply/core';
import { importPluginSources } from '@ply/kit';
import { printJson, type Output } from '../output.js';
import { findWorkspaceRoot } from '../workspace.js';

/** The plugin packages a manifest command works on: the given folder, or every workspace plugin. */
function targets(dir: string | undefined): string[] {
  if (dir) {
    if (!isPluginPackage(dir)) throw new PlyError('PLY_INVALID_INPUT', `${dir} is not a plugin package (no package.json with a "ply" key)`);
    return [dir];
  }
  if (isPluginPackage(process.cwd())) return [process.cwd()];
  const root = findWorkspaceRoot();
  const plugins = root ? join(root, 'plugins') : undefined;
  if (!plugins || !existsSync(plugins)) throw new PlyError('PLY_INVALID_INPUT', 'run this in a plugin package or a Ply workspace, or give the plugin folder');
  return readdirSync(plugins)
    .map((name) => join(plugins, name))
    .filter(isPluginPackage);
}

/** The module files the plugin's current sources define (never a possibly stale `dist/`). */
async function generatedFiles(dir: string) {
  const info = readPluginPackage(dir);
  if (!info.version) throw new PlyError('PLY_MANIFEST_INVALID', `${info.packageJson}: no version`);
  const { plugin } = await importPluginSources(dir);
  return { info, files: buildModuleFiles(plugin, info.version) };
}

/**
 * `ply manifest build|check [dir]`: writes the module JSON from the zod definitions in the plugin's
 * TypeScript sources, or fails when the committed JSON has drifted from them.
 */
export async function manifestCommand(output: Output, mode: 'build' | 'check', dir: string | undefined): Promise<void> {
  const report: Array<{ plugin: string; changed: string[]; stale: string[] }> = [];
  for (const target of targets(dir)) {
    const { info, files } = await generatedFiles(target);
    const diff = mode === 'build' ? writeModuleFiles(info.moduleDir, files) : diffModuleFiles(info.moduleDir, files);
    report.push({ plugin: info.name ?? target, ...diff });
    if (!output.json) {
      const where = relative(process.cwd(), info.moduleDir) || '.';
      const changes = [...diff.changed, ...diff.stale.map((name) => `${name} (stale)`)];
      const verb = mode === 'build' ? 'wrote' : 'differs';
      output.err(changes.length === 0 ? `${info.name}: ${where} up to date` : `${info.name}: ${verb} ${changes.map((name) => join(where, name)).join(', ')}`);
    }
  }
  if (output.json) printJson(output, { plugins: report });
  const drifted = report.filter((entry) => entry.changed.length + entry.stale.length > 0);
  if (mode === 'check' && drifted.length > 0) {
    throw new PlyError('PLY_MANIFEST_DRIFT', `${drifted.map((entry) => entry.plugin).join(', ')}: committed module JSON differs from the zod definitions; run \`ply manifest build\``, {
      details: { plugins: drifted },
    });
  }
}
