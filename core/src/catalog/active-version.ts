import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

/**
 * The file in `$PLY_HOME/modules/<slug>/` naming the version in use. The installer writes it
 * (install, upgrade, rollback); discovery reads it to mark that version active.
 */
export const ACTIVE_MARKER = 'active';

/** Reads the active-version marker of a slug folder (undefined when absent or unreadable). */
export function readActiveVersion(slugDir: string): string | undefined {
  try {
    const version = readFileSync(join(slugDir, ACTIVE_MARKER), 'utf8').trim();
    return semver.valid(version) ? version : undefined;
  } catch {
    return undefined;
  }
}
