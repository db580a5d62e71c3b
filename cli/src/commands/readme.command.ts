import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PlyError, readPluginPackage } from '@ply/core';
import { withItemsTable } from '@ply/kit';
import { printJson, type Output } from '../output.js';

/**
 * `ply readme [dir] [--check]`: writes the items table of a plugin's README.md (between its
 * markers) from the generated module JSON; `--check` fails when the table is stale instead.
 */
export function readmeCommand(output: Output, dir: string | undefined, options: { check?: boolean }): void {
  const packageDir = resolve(dir ?? '.');
  const { moduleDir } = readPluginPackage(packageDir);
  const path = join(packageDir, 'README.md');
  if (!existsSync(path)) throw new PlyError('PLY_INVALID_INPUT', `${path} does not exist`);
  const current = readFileSync(path, 'utf8');
  const next = withItemsTable(current, moduleDir);
  if (options.check) {
    if (next !== current) throw new PlyError('PLY_MANIFEST_DRIFT', `${path}: the items table differs from module/*.json; run \`ply readme ${dir ?? '.'}\``);
  } else if (next !== current) {
    writeFileSync(path, next);
  }
  if (output.json) return printJson(output, { readme: path, changed: next !== current });
  output.out(next === current ? `${path} is up to date` : options.check ? '' : `wrote the items table of ${path}`);
}
