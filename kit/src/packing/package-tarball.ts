import { create } from 'tar';

/** npm's fixed mtime: with portable headers, two packs of the same files are byte-identical. */
const NPM_MTIME = new Date('1985-10-26T08:15:00Z');

/** Writes `<staging>/package/` as a gzipped tarball, npm's layout. */
export function tarPackage(staging: string, file: string): void {
  tarFiles(staging, ['package'], file, '');
}

/**
 * A link cache that remembers nothing: node-tar writes a second path to a hard-linked file as a
 * link entry, and pnpm's store hard-links identical files (zod's `v4/core/index.js` is one), but npm
 * does not extract link entries. Every file goes in whole.
 */
class NoHardLinks extends Map<`${number}:${number}`, string> {
  override get(): undefined {
    return undefined;
  }

  override set(): this {
    return this;
  }
}

/**
 * Writes `files` (relative to `dir`) under `package/` in a gzipped tarball, without copying them
 * first. Synchronously: for a package of a thousand small files (zod, hono) node-tar's
 * asynchronous walk is ten times slower.
 */
export function tarFiles(dir: string, files: string[], file: string, prefix = 'package'): void {
  create({ gzip: true, file, cwd: dir, ...(prefix ? { prefix } : {}), portable: true, mtime: NPM_MTIME, sync: true, linkCache: new NoHardLinks() }, files);
}
