import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { PlyError } from '@ply/core';
import { sha512Integrity } from '@ply/installer/package-format';
import { tarFiles, tarPackage } from './package-tarball.js';

/** A packed library, ready to be served by a registry. */
export interface LibraryTarball {
  name: string;
  version: string;
  /** The package.json inside the tarball (what the registry lists for the version). */
  packageJson: Record<string, unknown> & { name: string; version: string };
  tarball: Buffer;
  integrity: string;
}

/** How to pack one library: its folder, which of its files, and the package.json to publish. */
export interface LibraryPackSpec {
  dir: string;
  /** Paths relative to `dir` (forward slashes) to include; `package.json` is always the one given. */
  include: (path: string) => boolean;
  packageJson: Record<string, unknown> & { name: string; version: string };
}

function walk(dir: string, root: string = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path, root);
    return entry.isFile() ? [relative(root, path).split('\\').join('/')] : [];
  });
}

function tarballOf(file: string, packageJson: LibraryPackSpec['packageJson']): LibraryTarball {
  const tarball = readFileSync(file);
  return { name: packageJson.name, version: packageJson.version, packageJson, tarball, integrity: sha512Integrity(tarball) };
}

/**
 * Packs a library folder as npm would publish it: the chosen files and the given package.json
 * under `package/`, in a deterministic gzipped tarball.
 */
export async function packLibrary(spec: LibraryPackSpec): Promise<LibraryTarball> {
  const files = walk(spec.dir).filter((path) => path !== 'package.json' && spec.include(path)).sort();
  if (files.length === 0) throw new PlyError('PLY_INVALID_INPUT', `${spec.dir}: nothing to pack for ${spec.packageJson.name} (is it built?)`);
  const staging = mkdtempSync(join(tmpdir(), 'ply-pack-library-'));
  try {
    const root = join(staging, 'package');
    for (const path of files) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      cpSync(join(spec.dir, path), join(root, path));
    }
    writeFileSync(join(root, 'package.json'), `${JSON.stringify(spec.packageJson, null, 2)}\n`);
    tarPackage(staging, join(staging, 'library.tgz'));
    return tarballOf(join(staging, 'library.tgz'), spec.packageJson);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Packs an installed package as it is (its own package.json and every file but nested node_modules), read in place. */
export async function packInstalled(dir: string): Promise<LibraryTarball> {
  const packageJson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as LibraryPackSpec['packageJson'];
  const staging = mkdtempSync(join(tmpdir(), 'ply-pack-installed-'));
  try {
    tarFiles(dir, walk(dir).sort(), join(staging, 'package.tgz'));
    return tarballOf(join(staging, 'package.tgz'), packageJson);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
