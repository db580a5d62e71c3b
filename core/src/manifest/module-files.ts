import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GENERATED = /^(manifest|(action|trigger|connector)_.+)\.json$/;

/** Differences between generated files and a module folder: files to write and stale files. */
export function diffModuleFiles(dir: string, files: Map<string, string>): { changed: string[]; stale: string[] } {
  const present = existsSync(dir) ? readdirSync(dir).filter((name) => GENERATED.test(name)) : [];
  const changed = [...files].filter(([name, text]) => !existsSync(join(dir, name)) || readFileSync(join(dir, name), 'utf8') !== text).map(([name]) => name);
  const stale = present.filter((name) => !files.has(name));
  return { changed, stale };
}

/** Writes generated files (each through a temp file and a rename) and removes stale ones. */
export function writeModuleFiles(dir: string, files: Map<string, string>): { changed: string[]; stale: string[] } {
  const diff = diffModuleFiles(dir, files);
  mkdirSync(dir, { recursive: true });
  for (const name of diff.changed) {
    const temp = join(dir, `.${name}.tmp`);
    writeFileSync(temp, files.get(name)!);
    renameSync(temp, join(dir, name));
  }
  for (const name of diff.stale) rmSync(join(dir, name));
  return diff;
}
