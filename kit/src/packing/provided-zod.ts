import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import semver from 'semver';
import { CORE_PACKAGE_DIR, PlyError } from '@ply/core';
import type { PluginPackageJson } from './plugin-source-entry.js';

/** The version of the zod the running core provides to plugins (the one it bundles, in `dist/zod/`). */
export function providedZodVersion(coreDir: string = CORE_PACKAGE_DIR): string {
  const bundled = join(coreDir, 'dist/zod/package.json');
  const file = existsSync(bundled) ? bundled : createRequire(join(coreDir, 'package.json')).resolve('zod/package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/**
 * A packed plugin runs with the core's zod, not the one it was developed with: refuse to pack one
 * whose declared `zod` range the provided version does not satisfy (it may use what this zod lacks).
 */
export function checkZodRange(pkg: PluginPackageJson, dir: string, provided: string = providedZodVersion()): void {
  const range = (pkg['dependencies'] as Record<string, string> | undefined)?.['zod'];
  if (range === undefined || !semver.validRange(range)) return;
  if (!semver.satisfies(provided, range)) {
    throw new PlyError('PLY_MANIFEST_INVALID', `${dir}/package.json depends on zod ${range}, but plugins run with the zod of the Ply core, ${provided}: depend on a range that includes it (e.g. ^${semver.major(provided)}.0.0)`);
  }
}
