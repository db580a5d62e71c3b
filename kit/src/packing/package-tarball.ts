import { create } from 'tar';

/** npm's fixed mtime: with portable headers, two packs of the same files are byte-identical. */
const NPM_MTIME = new Date('1985-10-26T08:15:00Z');

/** Writes `<staging>/package/` as a gzipped tarball, npm's layout. */
export function tarPackage(staging: string, file: string): void {
  tarFiles(staging, ['package'], file, '');
}

/**
 * Writes `files` (relative to `dir`) under `package/` in a gzipped tarball, without copying them
 * first. Synchronously: for a package of a thousand small files (zod, hono) node-tar's
 * asynchronous walk is ten times slower.
 */
export function tarFiles(dir: string, files: string[], file: string, prefix = 'package'): void {
  create({ gzip: true, file, cwd: dir, ...(prefix ? { prefix } : {}), portable: true, mtime: NPM_MTIME, sync: true }, files);
}
