import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_PACKAGE_DIR } from '@ply/core';

/** Points `link` at `target`, atomically (a temp link renamed over it) and only when it differs. */
function ensureLink(link: string, target: string): void {
  try {
    if (readlinkSync(link) === target) return;
  } catch {
    // missing or not a link: (re)create below
  }
  const parent = join(link, '..');
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  const temp = join(parent, `.link-${randomBytes(6).toString('hex')}`);
  symlinkSync(target, temp, 'junction');
  try {
    renameSync(temp, link);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Installed bundles import `@ply/core` and `zod` (both left external, so every plugin shares the
 * running core and its zod). Node resolves them by walking up from
 * `$PLY_HOME/modules/<slug>/<version>/`, so links `$PLY_HOME/node_modules/@ply/core` to the
 * running core and `$PLY_HOME/node_modules/zod` to the core's `dist/zod/` (the zod the core
 * depends on, built as one file by the bundle step) make them resolvable; they are re-pointed
 * when the core moved.
 */
export function ensureCoreLink(home: string, coreDir: string = CORE_PACKAGE_DIR): void {
  ensureLink(join(home, 'node_modules', '@ply', 'core'), coreDir);
  const zod = join(coreDir, 'dist', 'zod');
  // A core run from its sources (tests) has no bundle: its plugins resolve their own zod.
  if (existsSync(join(zod, 'package.json'))) ensureLink(join(home, 'node_modules', 'zod'), zod);
}
