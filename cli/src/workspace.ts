import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function isWorkspaceRoot(dir: string): boolean {
  return existsSync(join(dir, 'pnpm-workspace.yaml')) && existsSync(join(dir, 'plugins'));
}

function findUp(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (isWorkspaceRoot(dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The Ply checkout whose `plugins/` the CLI adds to the installed modules: `PLY_WORKSPACE` (a
 * folder, or `off`/empty for none; `--no-workspace` sets `off`), else one found upwards from the
 * current folder, else the checkout this CLI runs from (`pnpm ply` in a clone).
 */
export function findWorkspaceRoot(): string | undefined {
  const fromEnv = process.env['PLY_WORKSPACE'];
  if (fromEnv !== undefined) return fromEnv === '' || fromEnv === 'off' ? undefined : resolve(fromEnv);
  return findUp(process.cwd()) ?? findUp(dirname(fileURLToPath(import.meta.url)));
}
