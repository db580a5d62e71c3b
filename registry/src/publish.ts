import semver from 'semver';
import { PlyError } from '@ply/core/errors';
import { isModuleSlug, MODULE_SLUG_RULE, sha1Hex, sha512Integrity, type TarballLimits } from '@ply/installer/package-format';
import { isDistTag, tarballFileName } from './package-path.js';
import type { Maintainer, RegistryStorage, StoredPackument, StoredVersion } from './registry-storage.js';
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
  /** The publisher: recorded as `_npmUser`, and the owner of a new package. */
  publisher: Maintainer;
}

/** A checked publish, written by `commit()` once the caller has settled who holds its module slug. */
export interface PreparedPublish {
  version: string;
  slug: string;
  commit(): void;
}

function invalid(message: string): PlyError {
  return new PlyError('PLY_REGISTRY_PUBLISH_INVALID', message);
}

function onlyOne<T>(record: Record<string, T> | undefined, what: string): [string, T] {
  const entries = Object.entries(record ?? {});
  if (entries.length !== 1) throw invalid(`a publish must carry exactly one ${what}, got ${entries.length}`);
  return entries[0]!;
}

/**
 * Checks one version for publishing, writing nothing. Refused: an existing version (versions are
 * immutable), a tarball that breaks the installer's limits or holds no loadable module, a module
 * slug the installer would refuse, a package.json that disagrees with the URL, the publish body
 * or manifest.json.
 */
export async function preparePublish(name: string, body: PublishBody, context: PublishContext): Promise<PreparedPublish> {
  const { storage, keys, limits } = context;
  if (body.name !== undefined && body.name !== name) throw invalid(`body names ${body.name} but the URL names ${name}`);
  const [version, declared] = onlyOne(body.versions, 'version');
  if (!semver.valid(version)) throw invalid(`"${version}" is not a semver version`);
  const existing = storage.packument(name);
  if (existing?.versions[version]) throw new PlyError('PLY_REGISTRY_VERSION_EXISTS', `cannot publish ${name}@${version}: that version exists and published versions are immutable (bump the version)`);
  const [, attachment] = onlyOne(body._attachments, 'tarball attachment');
  if (typeof attachment.data !== 'string') throw invalid('the tarball attachment has no base64 data');
  const tarball = Buffer.from(attachment.data, 'base64');
  if (tarball.byteLength > limits.maxCompressedBytes) throw new PlyError('PLY_REGISTRY_BODY_TOO_LARGE', `tarball is ${tarball.byteLength} bytes, over the limit of ${limits.maxCompressedBytes}`);
  const integrity = sha512Integrity(tarball);
  if (declared.dist?.integrity && declared.dist.integrity !== integrity) throw invalid(`the attachment does not match the declared integrity ${declared.dist.integrity}`);

  const inspected = await inspectTarball(tarball, limits, context.coreVersion);
  const pkg = inspected.packageJson;
  const rejected = (message: string) => new PlyError('PLY_REGISTRY_TARBALL_REJECTED', message);
  if (pkg.name !== name || pkg.version !== version) throw rejected(`tarball's package.json is ${pkg.name}@${pkg.version}, but the publish is for ${name}@${version}`);
  const manifest = inspected.module.manifest;
  if (manifest.version !== version) throw rejected(`package.json version ${version} differs from manifest.json version ${manifest.version}: they must match`);
  if (!isModuleSlug(manifest.slug)) throw new PlyError('PLY_REGISTRY_SLUG_INVALID', `module slug "${manifest.slug}" cannot be installed: a slug is one folder name (${MODULE_SLUG_RULE})`);

  const file = tarballFileName(name, version);
  const entry: StoredVersion = {
    ...pkg,
    name,
    version,
    _id: `${name}@${version}`,
    _npmUser: context.publisher,
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
    : { _id: name, _rev: '0-new', name, maintainers: [context.publisher], 'dist-tags': {}, versions: {}, time: { created: now } };
  packument.versions[version] = entry;
  packument.time[version] = now;
  packument.time['modified'] = now;
  const tags = Object.keys(body['dist-tags'] ?? {}).length > 0 ? body['dist-tags']! : { latest: version };
  for (const [tag, tagged] of Object.entries(tags)) {
    if (tagged !== version) throw invalid(`dist-tag ${tag} points at ${tagged}, not at the published ${version}`);
    if (!isDistTag(tag) || semver.valid(tag)) throw invalid(`"${tag}" is not a dist-tag: letters, digits, ".", "_" and "-", and not a version`);
    packument['dist-tags'][tag] = version;
  }
  const latest = packument.versions[packument['dist-tags']['latest'] ?? version] ?? entry;
  if (typeof latest['description'] === 'string') packument.description = latest['description'];
  if (inspected.readme && packument['dist-tags']['latest'] === version) packument.readme = inspected.readme;

  const details = moduleDetailsOf(name, inspected.module);
  return {
    version,
    slug: manifest.slug,
    // The packument is written last: a version exists only once its tarball and data do.
    commit() {
      storage.writeTarball(name, file, tarball);
      storage.writeModuleDetails(name, version, details);
      storage.writeModuleSlug(name, version, manifest.slug);
      storage.writePackument(packument);
    },
  };
}
