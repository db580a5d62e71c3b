import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { PlyError } from '@ply/core';
import { ACTIVE_MARKER, readActiveVersion, writeFileAtomic } from '@ply/core';
import { isModuleSlug, MODULE_SLUG_RULE } from './module-slug.js';
import type { PackageFiles } from './tarball-reader.js';

/** Written beside each installed version: where it came from and what was verified. */
export interface InstallRecord {
  name: string;
  slug: string;
  version: string;
  integrity: string;
  /** The registry URL, or `file:<path>` for an offline install. */
  source: string;
  signedBy?: string;
  installedAt: string;
}

/** One slug folder: its versions on disk and the active one. */
export interface InstalledModule {
  slug: string;
  name?: string;
  active?: string;
  versions: string[];
}

export const INSTALL_RECORD = '.ply-install.json';

/**
 * `$PLY_HOME/modules/<slug>/<version>/`, several versions side by side, plus `<slug>/active`
 * naming the version in use. Staging folders start with a dot, so discovery never sees them.
 */
export class ModuleStore {
  readonly root: string;

  constructor(home: string) {
    this.root = join(home, 'modules');
  }

  slugDir(slug: string): string {
    if (!isModuleSlug(slug)) throw new PlyError('PLY_PACKAGE_REJECTED', `module slug "${slug}" cannot be a folder name (${MODULE_SLUG_RULE})`, { details: { slug } });
    return join(this.root, slug);
  }

  versionDir(slug: string, version: string): string {
    if (!semver.valid(version)) throw new PlyError('PLY_PACKAGE_REJECTED', `"${version}" is not a semver version`, { details: { version } });
    return join(this.slugDir(slug), version);
  }

  /** Writes package files into a fresh hidden staging folder under `modules/` (same filesystem as the target). */
  stage(files: PackageFiles): string {
    const dir = join(this.root, `.staging-${process.pid}-${randomBytes(6).toString('hex')}`);
    // Private to the user running Ply, as every file under $PLY_HOME (modules read their account's secrets).
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      for (const [path, data] of files) {
        const target = join(dir, path);
        mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
        writeFileSync(target, data, { mode: 0o600, flag: 'wx' });
      }
    } catch (error) {
      this.discard(dir);
      throw error;
    }
    return dir;
  }

  discard(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
  }

  /**
   * Moves a staged folder into place with one rename. Returns false when that version is
   * already there (another install won the race): the staged copy is then discarded.
   */
  commit(staged: string, slug: string, version: string, record: InstallRecord): boolean {
    const target = this.versionDir(slug, version);
    writeFileSync(join(staged, INSTALL_RECORD), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    if (existsSync(target)) {
      this.discard(staged);
      return false;
    }
    try {
      renameSync(staged, target);
      return true;
    } catch (error) {
      this.discard(staged);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
      throw error;
    }
  }

  setActive(slug: string, version: string): void {
    if (!existsSync(this.versionDir(slug, version))) throw new PlyError('PLY_MODULE_NOT_FOUND', `${slug}@${version} is not installed`, { details: { module: slug, version } });
    writeFileAtomic(join(this.slugDir(slug), ACTIVE_MARKER), `${version}\n`);
  }

  record(slug: string, version: string): InstallRecord | undefined {
    try {
      return JSON.parse(readFileSync(join(this.versionDir(slug, version), INSTALL_RECORD), 'utf8')) as InstallRecord;
    } catch {
      return undefined;
    }
  }

  /** Every installed slug with its versions (highest first) and the active one. */
  list(): InstalledModule[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && isModuleSlug(entry.name))
      .map((entry) => this.installed(entry.name))
      .filter((module): module is InstalledModule => module !== undefined)
      .sort((a, b) => a.slug.localeCompare(b.slug));
  }

  installed(slug: string): InstalledModule | undefined {
    const dir = this.slugDir(slug);
    if (!existsSync(dir)) return undefined;
    const versions = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && semver.valid(entry.name))
      .map((entry) => entry.name)
      .sort(semver.rcompare);
    if (versions.length === 0) return undefined;
    const marked = readActiveVersion(dir);
    const active = marked && versions.includes(marked) ? marked : versions[0];
    const name = this.record(slug, active!)?.name;
    return { slug, versions, ...(active ? { active } : {}), ...(name ? { name } : {}) };
  }

  /** Finds an installed module by slug or by package name. */
  find(nameOrSlug: string): InstalledModule | undefined {
    if (isModuleSlug(nameOrSlug)) {
      const bySlug = this.installed(nameOrSlug);
      if (bySlug) return bySlug;
    }
    return this.list().find((module) => module.name === nameOrSlug);
  }

  /** Removes one version, or the whole slug folder; moved aside first so no half-deleted folder is ever loaded. */
  remove(slug: string, version?: string): void {
    const dir = version ? this.versionDir(slug, version) : this.slugDir(slug);
    const trash = join(this.root, `.trash-${process.pid}-${randomBytes(6).toString('hex')}`);
    renameSync(dir, trash);
    rmSync(trash, { recursive: true, force: true });
  }
}
