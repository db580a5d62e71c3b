import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE, lockHome } from '../../src/server/home-lock.js';
import { plyErrorOf } from '@ply/kit/testing';

const home = () => mkdtempSync(join(tmpdir(), 'ply-lock-'));
const children: Array<ReturnType<typeof spawn>> = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

function writeOwner(dir: string, pid: number): void {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, startedAt: '2026-11-29T10:00:00.000Z' }));
}

describe('the $PLY_HOME lock of ply serve', () => {
  it('is taken, then given back', () => {
    const dir = home();
    const release = lockHome(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('creates a home that does not exist yet (a first start)', () => {
    const dir = join(home(), 'not', 'yet');
    const release = lockHome(dir);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    release();
  });

  it('is refused while a live process holds it, naming that process and the file', async () => {
    const dir = home();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    children.push(holder);
    writeOwner(dir, holder.pid!);
    const error = await plyErrorOf(Promise.resolve().then(() => lockHome(dir)));
    expect(error.code).toBe('PLY_HOME_LOCKED');
    expect(error.message).toContain(`pid ${holder.pid}`);
    expect(error.message).toContain(join(dir, LOCK_FILE));
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(holder.pid);
  });

  it('takes over the lock of a process that is gone, or a lock file that does not parse', () => {
    for (const content of [JSON.stringify({ pid: deadPid(), startedAt: 'x' }), '{"pid":']) {
      const dir = home();
      writeFileSync(join(dir, LOCK_FILE), content);
      const release = lockHome(dir);
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
      expect(readdirSync(dir)).toEqual([LOCK_FILE]);
      release();
    }
  });

  it('gives back a lock whose file someone already deleted without failing', () => {
    const dir = home();
    const release = lockHome(dir);
    rmSync(join(dir, LOCK_FILE));
    expect(() => release()).not.toThrow();
  });

  it('does not remove a lock that another process took after ours', () => {
    const dir = home();
    const release = lockHome(dir);
    writeOwner(dir, 1);
    release();
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(1);
  });
});

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
function startTicks(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}

describe('the $PLY_HOME lock after a kill -9 (issue #21 item 12)', () => {
  it('takes over a lock whose pid now belongs to another process (a reused pid)', () => {
    const dir = home();
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    children.push(other);
    // The lock of a `ply serve` that had this pid before: it started at another time.
    const recorded = String(Number(startTicks(other.pid!)) - 1000);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: other.pid, startedAt: '2026-11-29T10:00:00.000Z', processStart: recorded }));
    const release = lockHome(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, processStart: startTicks(process.pid) });
    release();
  });

  it('takes over a lock whose process is a zombie (exited, never reaped)', async () => {
    const dir = home();
    // `exec sleep` never reaps the background child: once it exits, it stays a zombie. The child
    // outlives the shell's exec by a second: one that exited first could be reaped by the shell.
    const parent = spawn('sh', ['-c', 'sleep 1 & echo $!; exec sleep 30']);
    children.push(parent);
    const zombie = await new Promise<number>((resolve) => parent.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim()))));
    await vi.waitFor(() => expect(readFileSync(`/proc/${zombie}/stat`, 'utf8')).toMatch(/\) Z /), { timeout: 5000, interval: 20 });
    writeOwner(dir, zombie);
    const release = lockHome(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('is still refused while the process that took it runs', async () => {
    const dir = home();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    children.push(holder);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: holder.pid, startedAt: '2026-11-29T10:00:00.000Z', processStart: startTicks(holder.pid!) }));
    expect((await plyErrorOf(Promise.resolve().then(() => lockHome(dir)))).code).toBe('PLY_HOME_LOCKED');
  });
});
