import { randomBytes } from 'node:crypto';
import { mkdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_PACKAGE_DIR } from '@ply/core';

/**
 * Installed bundles import `@ply/core` (it is left external so every plugin shares the running
 * core). Node resolves that by walking up from `$PLY_HOME/modules/<slug>/<version>/`, so a link
 * `$PLY_HOME/node_modules/@ply/core` to the running core makes it resolvable; it is re-pointed
 * atomically when the core moved.
 */
export function ensureCoreLink(home: string, coreDir: string = CORE_PACKAGE_DIR): void {
  const scopeDir = join(home, 'node_modules', '@ply');
  const link = join(scopeDir, 'core');
  try {
    if (readlinkSync(link) === coreDir) return;
  } catch {
    // missing or not a link: (re)create below
  }
  mkdirSync(scopeDir, { recursive: true, mode: 0o700 });
  const temp = join(scopeDir, `.core-${randomBytes(6).toString('hex')}`);
  symlinkSync(coreDir, temp, 'junction');
  try {
    renameSync(temp, link);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
