import { relative } from 'node:path';
import { PlyError } from '@ply/core';
import { buildPlugin, testPlugin } from '@ply/kit';
import { isPluginPackage } from '@ply/core';
import { cliToolchain } from '../author-toolchain.js';
import { printJson, type Output } from '../output.js';

function pluginDir(dir: string | undefined): string {
  const target = dir ?? process.cwd();
  if (!isPluginPackage(target)) throw new PlyError('PLY_INVALID_INPUT', `${target} is not a plugin package (no package.json with a "ply" key)`);
  return target;
}

export interface BuildOptions {
  /** `--check` (CI): write nothing; fail on a type error or on module JSON that drifted. */
  check?: boolean;
}

/**
 * `ply build [dir]`: type-checks the plugin's sources and tests with the CLI's TypeScript,
 * compiles `src/` to `dist/`, and writes `module/*.json` from the zod definitions (`--check`: writes
 * nothing, fails on drift).
 */
export async function buildCommand(output: Output, dir: string | undefined, options: BuildOptions): Promise<void> {
  const target = pluginDir(dir);
  const outcome = await buildPlugin(target, await cliToolchain(), { check: options.check === true });
  if (output.json) return printJson(output, outcome);
  const where = relative(process.cwd(), outcome.module.dir) || '.';
  const changes = [...outcome.module.changed, ...outcome.module.stale.map((name) => `${name} (stale, removed)`)];
  if (options.check) return output.out(`type-checked; ${where} up to date`);
  output.out(`type-checked; ${outcome.emitted.length} files written to dist/; ${changes.length === 0 ? `${where} up to date` : `wrote ${changes.map((name) => `${where}/${name}`).join(', ')}`}`);
}

/** `ply test [dir] [filters...]`: runs the plugin's tests once with the CLI's vitest. */
export async function testCommand(output: Output, dir: string | undefined, filters: string[]): Promise<void> {
  const target = pluginDir(dir);
  const outcome = await testPlugin(target, await cliToolchain(), filters);
  if (output.json) printJson(output, outcome);
}
