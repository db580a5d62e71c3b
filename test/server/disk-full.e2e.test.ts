import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiClient, httpJson, startServe, type ServeProcess } from './serve-process.js';

/**
 * Issue #21 item 15: a full disk answered `500 PLY_INTERNAL ENOSPC` and left orphan
 * `trigger.json` files. On a real small file system: as root (here and in CI) `$PLY_HOME` is a
 * tmpfs of a few MiB filled to the last byte; otherwise `ply serve` runs under `prlimit --fsize`,
 * so a file past the limit gets EFBIG, which Ply treats like ENOSPC.
 */
const agent = new Agent({ keepAlive: true });
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ROOT = process.getuid?.() === 0 && process.env['PLY_TEST_DISK'] !== 'fsize';
/** Under `prlimit`: every file the server writes stays under this size (the store's files do). */
const FSIZE_BYTES = 320 * 1024;

const playbook = `
name: Record
trigger: { type: webhook, next: [remember] }
nodes:
  remember: { type: store, set: { seen: "{{ trigger.n }}" } }
`;

/** A small disk: a tmpfs mounted on a new folder (unmounted after the test), or a plain folder for `prlimit`. */
function smallDisk(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ply-disk-full-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  if (ROOT) {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', dir]);
    cleanups.push(() => execFileSync('umount', ['-l', dir]));
  }
  return dir;
}

async function serve(home: string): Promise<ServeProcess> {
  const served = await startServe(home, {}, ['serve', '--port', '0'], ROOT ? [] : ['prlimit', `--fsize=${FSIZE_BYTES}`]);
  cleanups.push(async () => {
    if (served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGKILL');
    await served.exited;
  });
  return served;
}

/** Fills the tmpfs to its last byte; returns the filler to remove when space should return. Under `prlimit` the limit is already there. */
function fillDisk(dir: string): string {
  const filler = join(dir, 'filler');
  if (!ROOT) return filler;
  const fd = openSync(filler, 'w');
  try {
    for (const size of [1024 * 1024, 4096, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}

/** Every file under the home's executions folder (value files, temp files), relative. */
function executionFiles(home: string): string[] {
  try {
    return readdirSync(join(home, 'executions'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** A webhook body of about `bytes` bytes (past 64 KiB its trigger event is spilled to `trigger.json`). */
function event(n: number, bytes: number): { n: number; padding: string } {
  return { n, padding: 'x'.repeat(bytes) };
}

describe('a full disk (issue #21 item 15)', () => {
  it('answers 503 PLY_STORE_ERROR naming the file, leaves no trigger.json behind, and accepts webhooks again without a restart', async () => {
    const home = smallDisk();
    const served = await serve(home);
    const api = apiClient(agent, served.url, served.adminToken!);
    const created = await api.call('POST', '/api/v1/playbooks?enable=true', playbook, { 'content-type': 'application/yaml' });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const hook = await api.call('GET', `/api/v1/playbooks/${created.json.id}/webhook`);
    const send = (body: unknown) => httpJson(agent, `${served.url}${hook.json.path}`, 'POST', body, { 'x-ply-token': hook.json.token });
    const before = executionFiles(home);
    const filler = fillDisk(home);

    // 250 KB: the sealed trigger.json is past the tmpfs's room and past the prlimit size alike.
    const refused = await send(event(1, 250_000));
    expect(refused.status, JSON.stringify(refused.json)).toBe(503);
    expect(refused.json.error.code).toBe('PLY_STORE_ERROR');
    expect(refused.json.error.message).toMatch(/cannot write value file "trigger\.json" of execution \S+: the disk is full \((ENOSPC|EFBIG)\)/);
    expect(executionFiles(home)).toEqual(before);

    if (ROOT) {
      // An event small enough for the database: SQLite's write fails (SQLITE_FULL), its transaction rolled back.
      const inline = await send(event(2, 40_000));
      expect(inline.status, JSON.stringify(inline.json)).toBe(503);
      expect(inline.json.error.code).toBe('PLY_STORE_ERROR');
      expect(inline.json.error.message).toMatch(/cannot write the store \(ply\.db\): the disk is full/);
    }
    expect((await api.executions(created.json.id)).length).toBe(0);

    // Space returns (under prlimit: an event that fits the limit), and the same process accepts webhooks again.
    rmSync(filler, { force: true });
    const accepted = await send(ROOT ? event(3, 250_000) : event(3, 40_000));
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(202);
    const run = await api.finished(accepted.json.executionId);
    expect(run.status).toBe('succeeded');
    expect(run.nodes[0].results).toEqual({ set: { seen: 3 } });
    expect((await api.executions(created.json.id)).map((e) => e.id)).toEqual([accepted.json.executionId]);
  });
});
