import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { PlyError } from '@ply/core/errors';

/** A lock older than this was left by a process that died while holding it. */
const STALE_AFTER_MS = 30_000;
const WAIT_FOR_MS = 5_000;
const RETRY_EVERY_MS = 10;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `task` holding `<file>.lock`, created exclusively. The registry process (`npm login`) and
 * the `ply registry` commands both change the account file: without the lock, a token revoked by
 * one could come back when the other writes the copy it read before the revocation.
 */
export function withFileLock<T>(file: string, task: () => T): T {
  const lock = `${file}.lock`;
  const deadline = Date.now() + WAIT_FOR_MS;
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(lock, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isStale(lock)) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new PlyError('PLY_REGISTRY_STORAGE_BUSY', `${lock} has been held for more than ${WAIT_FOR_MS / 1000} s: another process is changing the accounts (remove the file if no ply registry process runs)`);
      // Changes take a millisecond; a short blocking wait is simpler than making every caller async.
      else Atomics.wait(pause, 0, 0, RETRY_EVERY_MS);
    }
  }
  try {
    return task();
  } finally {
    closeSync(fd);
    rmSync(lock, { force: true });
  }
}

function isStale(lock: string): boolean {
  try {
    return Date.now() - statSync(lock).mtimeMs > STALE_AFTER_MS;
  } catch {
    return false;
  }
}
