import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@ply/core/manifest';
import { storageFolderName } from './package-path.js';
import type { ModuleDetails } from '@ply/installer/package-format';

/** One version as stored: the tarball's package.json plus `_id` and `dist` (tarball path relative to the registry). */
export type StoredVersion = Record<string, unknown> & { name: string; version: string; dist: Record<string, unknown> };

/** A packument as stored on disk; served with absolute tarball URLs. */
export interface StoredPackument {
  _id: string;
  name: string;
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
      const packument = JSON.parse(readFileSync(file, 'utf8')) as StoredPackument;
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

  writePackument(packument: StoredPackument): void {
    writeFileAtomic(join(this.dir(packument.name), 'packument.json'), `${JSON.stringify(packument, null, 2)}\n`);
    this.packuments.set(packument.name, packument);
  }
}
