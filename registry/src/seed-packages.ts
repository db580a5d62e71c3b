import semver from 'semver';
import { sha1Hex, sha512Integrity } from '@ply/installer/package-format';
import { tarballFileName } from './package-path.js';
import { RegistryStorage, type StoredPackument, type StoredVersion } from './registry-storage.js';
import { SigningKeys } from './signing-keys.js';

/** A package to serve without a publish (not a module: the libraries plugin authors install). */
export interface SeedPackage {
  name: string;
  version: string;
  /** Called only when the registry does not hold this version yet. */
  pack(): Promise<{ tarball: Uint8Array; packageJson: Record<string, unknown> }>;
}

/** Which versions were written now, and which the registry held already. */
export interface SeedReport {
  seeded: string[];
  present: string[];
}

/** Who a seeded version is recorded as published by (it holds no module, so no module slug either). */
const SEEDER = 'ply';

/**
 * Writes library packages straight into a registry's storage, signed with its key like a publish,
 * for the versions it does not hold (published versions are never replaced). The publish route
 * refuses them (they hold no module), which is why they bypass it: this is how `ply registry
 * serve` offers `@ply/core`, `@ply/kit`, `zod` and `hono` to `npm install`. Run it before the
 * registry starts on the same folder (it reads its storage once).
 *
 * The registry's storage is reached through this one function, so a change of the storage format
 * has one place to follow it here.
 */
export async function seedPackages(storageDir: string, packages: SeedPackage[]): Promise<SeedReport> {
  const storage = new RegistryStorage(storageDir);
  const keys = new SigningKeys(storageDir);
  const report: SeedReport = { seeded: [], present: [] };
  for (const seed of packages) {
    const id = `${seed.name}@${seed.version}`;
    const existing = storage.packument(seed.name);
    if (existing?.versions[seed.version]) {
      report.present.push(id);
      continue;
    }
    const { tarball, packageJson } = await seed.pack();
    const integrity = sha512Integrity(tarball);
    const file = tarballFileName(seed.name, seed.version);
    const entry: StoredVersion = {
      ...packageJson,
      name: seed.name,
      version: seed.version,
      _id: id,
      _npmUser: { name: SEEDER },
      dist: { integrity, shasum: sha1Hex(tarball), tarball: `${seed.name}/-/${file}`, signatures: [keys.sign(seed.name, seed.version, integrity)] },
    };
    const now = new Date().toISOString();
    // No owners: a seeded library is this Ply's, so no registry user's token can publish over it.
    const packument: StoredPackument = existing ? structuredClone(existing) : { _id: seed.name, _rev: '0-new', name: seed.name, maintainers: [], 'dist-tags': {}, versions: {}, time: { created: now } };
    packument.versions[seed.version] = entry;
    packument.time[seed.version] = now;
    packument.time['modified'] = now;
    const latest = packument['dist-tags']['latest'];
    if (!latest || semver.gt(seed.version, latest)) packument['dist-tags']['latest'] = seed.version;
    if (typeof packageJson['description'] === 'string' && packument['dist-tags']['latest'] === seed.version) packument.description = packageJson['description'];
    storage.writeTarball(seed.name, file, tarball);
    storage.writePackument(packument);
    report.seeded.push(id);
  }
  return report;
}
