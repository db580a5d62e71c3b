import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PlyError } from '@ply/core/errors';

/** The file that says which process serves a $PLY_HOME. */
export const LOCK_FILE = 'serve.lock';

interface LockOwner {
  pid: number;
  startedAt: string;
  /** When the process started, in clock ticks since boot (`/proc/<pid>/stat` field 22); absent off Linux. */
  processStart?: string;
}

/** State and start time of a process from `/proc/<pid>/stat`; undefined without /proc or when it is gone. */
function procStat(pid: number): { state: string; start: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: fields are read after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, start: fields[19]! };
  } catch {
    return undefined;
  }
}

/**
 * True when the lock's owner still runs: its pid answers, it is not a zombie (exited, not reaped
 * yet), and, when the lock recorded its start time, the process with that pid started then (a pid
 * reused after a `kill -9` belongs to another process, which started later).
 */
function alive(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(owner.pid);
  if (!stat) return true;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return owner.processStart === undefined || owner.processStart === stat.start;
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
    if (typeof owner.pid !== 'number') return undefined;
    return { pid: owner.pid, startedAt: String(owner.startedAt), ...(typeof owner.processStart === 'string' ? { processStart: owner.processStart } : {}) };
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
 * O_EXCL holding this pid and its start time. The lock of a process that is gone (killed, crashed;
 * a zombie, or a pid now reused by another process, count as gone) is moved aside
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
  const processStart = procStat(process.pid)?.start;
  const mine = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), ...(processStart ? { processStart } : {}) } satisfies LockOwner);
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
    if (owner && owner.pid !== process.pid && alive(owner)) throw locked(home, file, owner);
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
    if (moved !== seen && movedOwner && alive(movedOwner)) {
      renameSync(aside, file);
      throw locked(home, file, movedOwner);
    }
    rmSync(aside, { force: true });
  }
  throw new PlyError('PLY_HOME_LOCKED', `could not take the lock ${file}: other processes keep taking it`, { details: { home, lockFile: file } });
}
