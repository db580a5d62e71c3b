import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PlyError } from '@ply/core/errors';

/** The file that says which process serves a $PLY_HOME. */
export const LOCK_FILE = 'serve.lock';

interface LockOwner {
  pid: number;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function ownerOf(text: string | undefined): LockOwner | undefined {
  try {
    const owner = JSON.parse(text ?? '') as Partial<LockOwner>;
    return typeof owner.pid === 'number' ? { pid: owner.pid, startedAt: String(owner.startedAt) } : undefined;
  } catch {
    return undefined;
  }
}

function locked(home: string, file: string, owner: LockOwner): PlyError {
  return new PlyError('PLY_HOME_LOCKED', `another ply serve (pid ${owner.pid}, started ${owner.startedAt}) is running on ${home}; stop it first, or delete ${file} if that process is not ply`, {
    details: { home, pid: owner.pid, lockFile: file },
  });
}

/**
 * Makes this process the one `ply serve` of `home`: two of them would both run the triggers and
 * connectors, and each would miss the other's account changes. The lock is a file created with
 * O_EXCL holding this pid. The lock of a process that is gone (killed, crashed) is moved aside
 * with one rename and the creation tried again; a start that finds it moved a live lock instead
 * (another start took the stale one over in between) puts it back and gives up.
 *
 * @returns a release function (removes the file if it is still ours).
 * @throws PlyError PLY_HOME_LOCKED when a live process holds the lock.
 */
export function lockHome(home: string): () => void {
  // A first start on a fresh machine: the home does not exist yet.
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const file = join(home, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() } satisfies LockOwner);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      return () => {
        if (readText(file) === mine) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const seen = readText(file);
    const owner = ownerOf(seen);
    if (owner && owner.pid !== process.pid && alive(owner.pid)) throw locked(home, file, owner);
    // Stale (its process is gone) or unreadable (a crash while writing it): move it aside, try again.
    const aside = `${file}.stale-${randomBytes(4).toString('hex')}`;
    try {
      renameSync(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const moved = readText(aside);
    const movedOwner = ownerOf(moved);
    if (moved !== seen && movedOwner && alive(movedOwner.pid)) {
      renameSync(aside, file);
      throw locked(home, file, movedOwner);
    }
    rmSync(aside, { force: true });
  }
  throw new PlyError('PLY_HOME_LOCKED', `could not take the lock ${file}: other processes keep taking it`, { details: { home, lockFile: file } });
}
