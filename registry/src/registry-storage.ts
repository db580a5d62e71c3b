import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@ply/core/manifest';
import { storageFolderName } from './package-path.js';
import type { ModuleDetails } from '@ply/installer/package-format';

/** One version as stored: the tarball's package.json plus `_id` and `dist` (tarball path relative to the registry). */
export type StoredVersion = Record<string, unknown> & { name: string; version: string; dist: Record<string, unknown> };

/** An owner of a package, as npm lists it (`npm owner ls`). */
export interface Maintainer {
  name: string;
  email?: string;
}

/** A packument as stored on disk; served with absolute tarball URLs. */
export interface StoredPackument {
  _id: string;
  /** CouchDB's revision, `<n>-<hex>`: `npm owner` sends it back, and a stale one is refused. */
  _rev: string;
  name: string;
  /** Who may publish new versions, move tags and change owners. */
  maintainers: Maintainer[];
  description?: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, StoredVersion>;
  time: Record<string, string>;
  readme?: string;
}

/**
 * The registry's files: `<storage>/packages/<name>/packument.json`, `tarballs/<file>.tgz` and
 * `modules/<version>.json` (the browsing data). Every write goes through a temporary file and a
 * rename; the packument is written last, so a version exists only once its tarball does.
 */
export class RegistryStorage {
  readonly root: string;
  private readonly packuments = new Map<string, StoredPackument>();

  constructor(root: string) {
    this.root = root;
    mkdirSync(join(root, 'packages'), { recursive: true });
    for (const folder of readdirSync(join(root, 'packages'))) {
      const file = join(root, 'packages', folder, 'packument.json');
      if (!existsSync(file)) continue;
      const packument = withOwnership(JSON.parse(readFileSync(file, 'utf8')) as StoredPackument);
      this.packuments.set(packument.name, packument);
    }
  }

  private dir(name: string): string {
    return join(this.root, 'packages', storageFolderName(name));
  }

  packument(name: string): StoredPackument | undefined {
    return this.packuments.get(name);
  }

  all(): StoredPackument[] {
    return [...this.packuments.values()];
  }

  /** Path of a stored tarball, or undefined (the file name is checked against the packument by the caller). */
  tarballPath(name: string, file: string): string | undefined {
    const path = join(this.dir(name), 'tarballs', file);
    return /^[a-z0-9._~-]+\.tgz$/i.test(file) && existsSync(path) ? path : undefined;
  }

  writeTarball(name: string, file: string, data: Uint8Array): void {
    writeFileAtomic(join(this.dir(name), 'tarballs', file), data);
  }

  writeModuleDetails(name: string, version: string, details: ModuleDetails): void {
    writeFileAtomic(join(this.dir(name), 'modules', `${version}.json`), JSON.stringify(details));
  }

  moduleDetails(name: string, version: string): ModuleDetails | undefined {
    const file = join(this.dir(name), 'modules', `${version}.json`);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ModuleDetails) : undefined;
  }

  /** The module slug of each version: `slugs.json`, or the browsing data of a registry older than that file. */
  moduleSlugs(name: string): Record<string, string> {
    const file = join(this.dir(name), 'slugs.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const versions = Object.keys(this.packuments.get(name)?.versions ?? {});
    return Object.fromEntries(versions.flatMap((version) => {
      const slug = this.moduleDetails(name, version)?.slug;
      return slug ? [[version, slug]] : [];
    }));
  }

  writeModuleSlug(name: string, version: string, slug: string): void {
    writeFileAtomic(join(this.dir(name), 'slugs.json'), JSON.stringify({ ...this.moduleSlugs(name), [version]: slug }));
  }

  /** Writes a packument with the next revision (the caller passes its own copy). */
  writePackument(packument: StoredPackument): void {
    packument._rev = `${revisionNumber(packument._rev) + 1}-${randomBytes(16).toString('hex')}`;
    writeFileAtomic(join(this.dir(packument.name), 'packument.json'), `${JSON.stringify(packument, null, 2)}\n`);
    this.packuments.set(packument.name, packument);
  }
}

function revisionNumber(rev: string | undefined): number {
  return Number.parseInt(rev ?? '0', 10) || 0;
}

/**
 * Owners and revision of a packument written before the registry had them: its publishers own
 * it, and its revision is derived from its content, so it stays the same across restarts.
 */
function withOwnership(packument: StoredPackument): StoredPackument {
  if (!Array.isArray(packument.maintainers)) {
    const owners = new Map<string, Maintainer>();
    for (const version of Object.values(packument.versions)) {
      const { name, email } = (version['_npmUser'] ?? {}) as { name?: unknown; email?: unknown };
      if (typeof name === 'string' && !owners.has(name)) owners.set(name, { name, ...(typeof email === 'string' ? { email } : {}) });
    }
    packument.maintainers = [...owners.values()];
  }
  packument._rev ??= `1-${createHash('sha256').update(JSON.stringify(packument)).digest('hex').slice(0, 32)}`;
  return packument;
}
