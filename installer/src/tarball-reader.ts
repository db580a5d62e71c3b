import { gunzipSync } from 'node:zlib';
import type { Parser as TarParser, ReadEntry } from 'tar';
import { PlyError } from '@ply/core';
import { DEFAULT_TARBALL_LIMITS, type TarballLimits } from './tarball-limits.js';

/** The regular files of a package tarball, keyed by their path inside the package (no `package/`). */
export type PackageFiles = Map<string, Buffer>;

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

function reject(message: string, details: Record<string, unknown> = {}): PlyError {
  return new PlyError('PLY_PACKAGE_REJECTED', message, { details });
}

/**
 * Checks one entry path and returns it relative to the package root. npm tarballs put every
 * entry under one top folder (`package/` by convention); an absolute path, a `..` segment, a
 * backslash or a NUL is refused rather than "fixed", since a fixed path is not what the author
 * meant either.
 */
function packagePath(raw: string): string | undefined {
  if (raw.includes('\0') || raw.includes('\\')) throw reject(`tarball entry "${raw}" has a forbidden character`, { entry: raw });
  if (raw.startsWith('/') || /^[a-zA-Z]:/.test(raw)) throw reject(`tarball entry "${raw}" has an absolute path`, { entry: raw });
  const segments = raw.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw reject(`tarball entry "${raw}" climbs out of the package with ".."`, { entry: raw });
  if (segments.length < 2) return undefined;
  return segments.slice(1).join('/');
}

/**
 * Reads a gzipped package tarball entirely in memory, refusing links, devices, unsafe paths and
 * anything over the limits. Nothing is written to disk: the caller writes the returned files,
 * so tar's own extraction rules never decide where bytes land.
 */
export async function readPackageTarball(tarball: Uint8Array, limits: TarballLimits = DEFAULT_TARBALL_LIMITS): Promise<PackageFiles> {
  if (tarball.byteLength > limits.maxCompressedBytes) {
    throw reject(`tarball is ${tarball.byteLength} bytes, over the limit of ${limits.maxCompressedBytes}`, { limit: 'compressed' });
  }
  let raw: Buffer;
  try {
    // maxOutputLength makes a decompression bomb fail here instead of filling memory.
    raw = gunzipSync(tarball, { maxOutputLength: limits.maxTotalBytes + 1024 * 1024 });
  } catch (error) {
    const tooBig = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError;
    throw new PlyError('PLY_PACKAGE_REJECTED', tooBig ? `tarball expands past the total size limit of ${limits.maxTotalBytes} bytes` : `tarball is not valid gzip: ${(error as Error).message}`, {
      cause: error,
      details: { limit: tooBig ? 'total' : undefined },
    });
  }
  // Imported here: the bundler gives tar a chunk of its own, loaded by the first tarball read
  // rather than by every process that loads the core.
  const { Parser } = await import('tar');
  return parseTar(raw, limits, Parser);
}

function parseTar(raw: Buffer, limits: TarballLimits, Parser: typeof TarParser): Promise<PackageFiles> {
  return new Promise((resolve, reject_) => {
    const files: PackageFiles = new Map();
    let entries = 0;
    let total = 0;
    let failure: PlyError | undefined;
    // Entries whose data has not fully arrived: a header may announce more bytes than the archive holds.
    const unfinished = new Set<string>();
    const fail = (error: PlyError) => {
      failure ??= error;
    };
    const parser = new Parser({ strict: true });
    parser.on('entry', (entry: ReadEntry) => {
      try {
        if (failure) return void entry.resume();
        entries += 1;
        if (entries > limits.maxEntries) throw reject(`tarball has more than ${limits.maxEntries} entries`, { limit: 'entries' });
        const type = entry.type;
        const path = packagePath(entry.path);
        if (type === 'Directory') return void entry.resume();
        if (!FILE_TYPES.has(type)) throw reject(`tarball entry "${entry.path}" is a ${type}: only regular files and folders are allowed`, { entry: entry.path, type });
        if (path === undefined) throw reject(`tarball entry "${entry.path}" is not inside the package folder`, { entry: entry.path });
        if (entry.size > limits.maxFileBytes) throw reject(`tarball entry "${path}" is ${entry.size} bytes, over the per-file limit of ${limits.maxFileBytes}`, { entry: path, limit: 'file' });
        total += entry.size;
        if (total > limits.maxTotalBytes) throw reject(`tarball files add up to more than ${limits.maxTotalBytes} bytes`, { limit: 'total' });
        if (files.has(path)) throw reject(`tarball has "${path}" twice`, { entry: path });
        const chunks: Buffer[] = [];
        unfinished.add(path);
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => {
          unfinished.delete(path);
          files.set(path, Buffer.concat(chunks));
        });
      } catch (error) {
        fail(error as PlyError);
        entry.resume();
      }
    });
    parser.on('error', (error: Error) => fail(new PlyError('PLY_PACKAGE_REJECTED', `tarball is corrupt: ${error.message}`, { cause: error })));
    parser.on('end', () => {
      if (!failure && unfinished.size > 0) fail(reject(`tarball is truncated: "${[...unfinished][0]}" ends before its announced size`));
      if (failure) reject_(failure);
      else resolve(files);
    });
    parser.end(raw);
  });
}
