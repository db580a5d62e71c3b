import semver from 'semver';
import { PlyError } from '@ply/core';
import type { Packument, PackumentVersion } from './registry-client.js';

/** True when the version's `engines.ply` (if any) accepts the running core. */
export function acceptsCore(version: PackumentVersion, coreVersion: string): boolean {
  const range = version.engines?.['ply'];
  return !range || semver.satisfies(coreVersion, range, { includePrerelease: true });
}

/**
 * The highest version matching `range` whose `engines.ply` accepts the running core.
 * Without a range, prereleases are left out (as npm does).
 */
export function selectVersion(packument: Packument, range: string | undefined, coreVersion: string): PackumentVersion {
  const wanted = range && packument['dist-tags']?.[range] ? packument['dist-tags'][range] : range;
  const candidates = Object.values(packument.versions ?? {})
    .filter((v) => semver.valid(v.version) && semver.satisfies(v.version, wanted ?? '*'))
    .sort((a, b) => semver.rcompare(a.version, b.version));
  if (candidates.length === 0) {
    const known = Object.keys(packument.versions ?? {}).join(', ') || 'none';
    throw new PlyError('PLY_MODULE_NOT_FOUND', `no version of ${packument.name} matches ${range ?? '*'} (published: ${known})`, { details: { package: packument.name, range } });
  }
  const compatible = candidates.find((v) => acceptsCore(v, coreVersion));
  if (!compatible) {
    const ranges = candidates.slice(0, 3).map((v) => `${v.version} needs ply ${v.engines?.['ply']}`).join('; ');
    throw new PlyError('PLY_ENGINE_MISMATCH', `no version of ${packument.name} matching ${range ?? '*'} accepts this core (${coreVersion}): ${ranges}`, {
      details: { package: packument.name, coreVersion },
    });
  }
  return compatible;
}
