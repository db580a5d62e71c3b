import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDatabase } from '../src/store/sql/sqlite-database.js';
import { sql } from '../src/store/sql/sql-query.js';
import { ROWS_PER_CHECKPOINT } from '../src/store/sql/wal-checkpointer.js';
import { tempHome } from './test-servers.js';

const CREATE = 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)';
const insert = sql<[number, string]>('INSERT INTO notes (id, body) VALUES (?, ?)');
const count = sql<[], { n: number }>('SELECT count(*) AS n FROM notes');
/** At least one WAL page a row. */
const BODY = 'x'.repeat(3000);

const opened: SqliteDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
});

async function fresh(): Promise<SqliteDatabase> {
  const db = SqliteDatabase.open(join(tempHome('ply-wal-'), 'ply.db'));
  opened.push(db);
  await db.script(CREATE);
  return db;
}

async function writeRows(db: SqliteDatabase, from: number, rows: number): Promise<void> {
  for (let id = from; id < from + rows; id++) await db.run(insert, id, BODY);
}

describe('WAL checkpoints of the SQLite store', () => {
  it('checkpoints every 1,000 rows written, after a commit, never inside one', async () => {
    const db = await fresh();
    // SQLite's auto-checkpoint (inside the commit that crosses 1,000 pages) is off.
    expect(db.raw.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await writeRows(db, 0, ROWS_PER_CHECKPOINT - 2); // the CREATE counted one
    expect(db.checkpoints!.pending).toBeUndefined();
    await writeRows(db, ROWS_PER_CHECKPOINT - 2, 1);
    const pending = db.checkpoints!.pending;
    expect(pending).toBeDefined();
    const result = await pending;
    expect(result!.busy).toBe(false);
    expect(result!.log).toBeGreaterThan(ROWS_PER_CHECKPOINT / 2);
    // Copied whole: the next write starts the WAL again from its beginning.
    expect(result!.checkpointed).toBe(result!.log);
    expect((await db.get(count))!.n).toBe(ROWS_PER_CHECKPOINT - 1);
  });

  it('keeps the WAL file the size of one round of writes, however many rounds', async () => {
    const db = await fresh();
    const walFile = `${db.location}-wal`;
    const rounds = 8;
    const sizes: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await writeRows(db, round * ROWS_PER_CHECKPOINT, ROWS_PER_CHECKPOINT);
      await db.checkpoints!.pending;
      sizes.push(statSync(walFile).size);
    }
    // Never checkpointed (or never started again), it would grow by the first round's size every round.
    expect(sizes[0]).toBeGreaterThan(ROWS_PER_CHECKPOINT * 4096);
    expect(sizes.at(-1)).toBeLessThan(sizes[0]! * 1.5);
    expect((await db.get(count))!.n).toBe(rounds * ROWS_PER_CHECKPOINT);
  });

  it('leaves a checkpoint whose sync ends after the database closed undone, without an error', async () => {
    const db = await fresh();
    await writeRows(db, 0, ROWS_PER_CHECKPOINT);
    const pending = db.checkpoints!.pending;
    expect(pending).toBeDefined();
    await db.close();
    await expect(pending).resolves.toBeUndefined();
    const reopened = SqliteDatabase.open(db.location);
    opened.push(reopened);
    expect((await reopened.get(count))!.n).toBe(ROWS_PER_CHECKPOINT);
  });

  it('loses no committed row when its process is killed with SIGKILL between two checkpoints', async () => {
    const file = join(tempHome('ply-wal-kill-'), 'ply.db');
    const rows = 2 * ROWS_PER_CHECKPOINT + 500;
    // A process of its own (built module: a child cannot load TypeScript), killed once it said every row is committed.
    const built = (name: string): string => JSON.stringify(fileURLToPath(new URL(`../dist/store/sql/${name}.js`, import.meta.url)));
    const script = `
      const { SqliteDatabase } = await import(${built('sqlite-database')});
      const { sql } = await import(${built('sql-query')});
      const db = SqliteDatabase.open(${JSON.stringify(file)});
      await db.script(${JSON.stringify(CREATE)});
      const insert = sql('INSERT INTO notes (id, body) VALUES (?, ?)');
      for (let id = 0; id < ${rows}; id++) {
        await db.run(insert, id, ${JSON.stringify(BODY)});
        await db.checkpoints.pending;
      }
      process.stdout.write('committed');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('committed')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the writer exited first (code ${code})`)));
    });
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // The rows after the last checkpoint are in the WAL only: the next open replays them.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    const reopened = SqliteDatabase.open(file);
    opened.push(reopened);
    expect((await reopened.get(count))!.n).toBe(rows);
    expect(reopened.raw.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
