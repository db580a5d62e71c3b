import { PlyError } from '@ply/core';

/** errno codes of a write the file system refused for want of room (EFBIG: a file-size limit, `ulimit -f`). */
const NO_ROOM = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/**
 * True for a store write refused because the disk (or a size limit) is full: an errno code from
 * node:fs, or SQLite's `SQLITE_FULL` and its write errors (`SQLITE_IOERR_WRITE` is what SQLite
 * reports when the OS answers EFBIG).
 */
export function isNoRoom(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return NO_ROOM.has(code) || code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR');
}

/**
 * The error a failed store write answers with: `PLY_STORE_ERROR` (503, the client may retry once
 * space returns) naming what could not be written, for a full disk and other I/O failures alike.
 * A PlyError is passed on as it is.
 */
export function storeWriteError(error: unknown, what: string): unknown {
  if (error instanceof PlyError || !isNoRoom(error)) return error;
  const code = (error as { code: string }).code;
  const full = NO_ROOM.has(code) || code === 'SQLITE_FULL';
  return new PlyError('PLY_STORE_ERROR', `cannot write ${what}: ${full ? 'the disk is full' : 'the disk failed'} (${code}); retry once space is freed`, {
    details: { code },
    cause: error,
  });
}
