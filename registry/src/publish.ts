import semver from 'semver';
import { sha1Hex, sha512Integrity, type TarballLimits } from '@ply/installer/package-format';
import { tarballFileName } from './package-path.js';
import { RegistryError } from './registry-error.js';
import type { RegistryStorage, StoredPackument, StoredVersion } from './registry-storage.js';
import type { SigningKeys } from './signing-keys.js';
import { inspectTarball } from './tarball-inspection.js';
import { moduleDetailsOf } from './module-details.js';

/** The body `npm publish` sends to `PUT /<name>`. */
export interface PublishBody {
  name?: string;
  versions?: Record<string, { version?: string; dist?: { integrity?: string } }>;
  'dist-tags'?: Record<string, string>;
  _attachments?: Record<string, { data?: string; length?: number }>;
}

export interface PublishContext {
  storage: RegistryStorage;
  keys: SigningKeys;
  limits: TarballLimits;
  coreVersion: string;
  user: string;
}

function onlyOne<T>(record: Record<string, T> | undefined, what: string): [string, T] {
  const entries = Object.entries(record ?? {});
  if (entries.length !== 1) throw new RegistryError(400, `a publish must carry exactly one ${what}, got ${entries.length}`);
  return entries[0]!;
}

/**
 * Publishes one version. Refused: an existing version (versions are immutable), a tarball that
 * breaks the installer's limits or holds no loadable module, a package.json that disagrees with
 * the URL, the publish body or manifest.json.
 */
export async function publishVersion(name: string, body: PublishBody, context: PublishContext): Promise<{ version: string }> {
  const { storage, keys, limits } = context;
  if (body.name !== undefined && body.name !== name) throw new RegistryError(400, `body names ${body.name} but the URL names ${name}`);
  const [version, declared] = onlyOne(body.versions, 'version');
  if (!semver.valid(version)) throw new RegistryError(400, `"${version}" is not a semver version`);
  const existing = storage.packument(name);
  if (existing?.versions[version]) throw new RegistryError(409, `cannot publish ${name}@${version}: that version exists and published versions are immutable (bump the version)`);
  const [, attachment] = onlyOne(body._attachments, 'tarball attachment');
  if (typeof attachment.data !== 'string') throw new RegistryError(400, 'the tarball attachment has no base64 data');
  const tarball = Buffer.from(attachment.data, 'base64');
  if (tarball.byteLength > limits.maxCompressedBytes) throw new RegistryError(413, `tarball is ${tarball.byteLength} bytes, over the limit of ${limits.maxCompressedBytes}`);
  const integrity = sha512Integrity(tarball);
  if (declared.dist?.integrity && declared.dist.integrity !== integrity) throw new RegistryError(400, `the attachment does not match the declared integrity ${declared.dist.integrity}`);

  const inspected = await inspectTarball(tarball, limits, context.coreVersion);
  const pkg = inspected.packageJson;
  if (pkg.name !== name || pkg.version !== version) throw new RegistryError(400, `tarball's package.json is ${pkg.name}@${pkg.version}, but the publish is for ${name}@${version}`);
  if (inspected.module.manifest.version !== version) {
    throw new RegistryError(400, `package.json version ${version} differs from manifest.json version ${inspected.module.manifest.version}: they must match`);
  }

  const file = tarballFileName(name, version);
  const entry: StoredVersion = {
    ...pkg,
    name,
    version,
    _id: `${name}@${version}`,
    _npmUser: { name: context.user },
    dist: {
      integrity,
      shasum: sha1Hex(tarball),
      tarball: `${name}/-/${file}`,
      fileCount: inspected.fileCount,
      unpackedSize: inspected.unpackedSize,
      signatures: [keys.sign(name, version, integrity)],
    },
  };
  const now = new Date().toISOString();
  const packument: StoredPackument = existing
    ? structuredClone(existing)
    : { _id: name, name, 'dist-tags': {}, versions: {}, time: { created: now } };
  packument.versions[version] = entry;
  packument.time[version] = now;
  packument.time['modified'] = now;
  const tags = Object.keys(body['dist-tags'] ?? {}).length > 0 ? body['dist-tags']! : { latest: version };
  for (const [tag, tagged] of Object.entries(tags)) {
    if (tagged !== version) throw new RegistryError(400, `dist-tag ${tag} points at ${tagged}, not at the published ${version}`);
    packument['dist-tags'][tag] = version;
  }
  const latest = packument.versions[packument['dist-tags']['latest'] ?? version] ?? entry;
  if (typeof latest['description'] === 'string') packument.description = latest['description'];
  if (inspected.readme && packument['dist-tags']['latest'] === version) packument.readme = inspected.readme;

  storage.writeTarball(name, file, tarball);
  storage.writeModuleDetails(name, version, moduleDetailsOf(name, inspected.module));
  storage.writePackument(packument);
  return { version };
}
