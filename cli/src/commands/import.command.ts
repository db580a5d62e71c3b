import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadModuleFolder, PLY_CORE_VERSION, PlyError, settingsFromEnvironment, type LoadedModule } from '@ply/core';
import { printJson, type Output } from '../output.js';
import { progressOf } from '../progress.js';

/** The files of a Sekoia.io module folder that describe it (its code, Dockerfile, tests stay behind). */
const METADATA_FILE = /^(manifest\.json|(action|trigger|connector)_.+\.json|CHANGELOG\.md|README\.md|logo\.(png|svg))$/;

export interface ImportOptions {
  /** Replace a version already imported. */
  force?: boolean;
}

export interface ImportedModule {
  slug: string;
  version: string;
  dir: string;
  items: number;
}

/** `package.json` of an imported module: no entry (so the runtime lists it as metadata only). */
function packageJson(module: LoadedModule, from: string): string {
  const pkg = {
    name: `@ply-imported/${module.manifest.slug.replace(/[^a-z0-9._-]/gi, '-').toLowerCase()}`,
    version: module.manifest.version,
    private: true,
    description: module.manifest.description,
    ply: { module: 'module', imported: { from, format: 'sekoia.io' } },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function checkPathSegment(value: string, what: string): void {
  if (value === '' || value === '.' || value === '..' || /[/\\]/.test(value)) {
    throw new PlyError('PLY_MANIFEST_INVALID', `${what} "${value}" cannot name a folder`);
  }
}

/**
 * Copies a module folder in Sekoia.io's format under `$PLY_HOME/modules/<slug>/<version>/` as
 * metadata only. Atomic: the copy is built in a hidden temp folder beside the target (same
 * file system), then renamed into place, so a reader never sees half a module.
 */
export function importModuleFolder(folder: string, home: string, options: ImportOptions = {}): ImportedModule {
  const source = resolve(folder);
  const module = loadModuleFolder(source, { coreVersion: PLY_CORE_VERSION });
  const { slug, version } = module.manifest;
  checkPathSegment(slug, 'module slug');
  checkPathSegment(version, 'module version');
  const slugDir = join(home, 'modules', slug);
  const target = join(slugDir, version);
  if (existsSync(target) && !options.force) {
    throw new PlyError('PLY_INVALID_INPUT', `${slug}@${version} is already in ${target}; use --force to replace it`, { details: { module: slug, version } });
  }
  mkdirSync(slugDir, { recursive: true });
  const temp = mkdtempSync(join(slugDir, '.import-'));
  try {
    mkdirSync(join(temp, 'module'));
    for (const name of readdirSync(source).filter((entry) => METADATA_FILE.test(entry))) copyFileSync(join(source, name), join(temp, 'module', name));
    writeFileSync(join(temp, 'package.json'), packageJson(module, source));
    if (existsSync(target)) {
      const old = `${temp}.old`;
      renameSync(target, old);
      renameSync(temp, target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temp, target);
    }
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  return { slug, version, dir: target, items: module.items.length };
}

/** A module folder itself, or every module folder directly inside (the automation-library root). */
function moduleFolders(folder: string): string[] {
  const dir = resolve(folder);
  if (existsSync(join(dir, 'manifest.json'))) return [dir];
  if (!existsSync(dir)) throw new PlyError('PLY_INVALID_INPUT', `${folder}: no such folder`);
  const inside = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'manifest.json')))
    .map((entry) => join(dir, entry.name))
    .sort();
  if (inside.length === 0) throw new PlyError('PLY_INVALID_INPUT', `${folder} has no manifest.json, nor subfolders with one`);
  return inside;
}

/**
 * `ply import <folder...>`: registers Sekoia.io module folders (or every module folder inside
 * one) as metadata-only modules in `$PLY_HOME`.
 */
export function importCommand(output: Output, folders: string[], options: ImportOptions): void {
  const { home } = settingsFromEnvironment();
  const all = folders.flatMap(moduleFolders);
  const progress = progressOf(output, 'import', all.length);
  const imported = all.map((folder) => {
    progress.next(basename(folder));
    return importModuleFolder(folder, home, options);
  });
  progress.stop();
  if (output.json) return printJson(output, { imported });
  for (const module of imported) output.out(`imported ${module.slug}@${module.version} (${module.items} items, metadata only) into ${module.dir}`);
}
