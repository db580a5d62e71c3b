import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { PlyError } from '@ply/core';
import { PlyStore, type PlyStoreOptions } from '../src/store/ply-store.js';
import { loadSecretKey } from '../src/store/secret-key.js';
import { MIGRATIONS } from '../src/store/migration-list.js';
import { migrate } from '../src/store/migrator.js';
import { SqliteDatabase } from '../src/store/sql/sqlite-database.js';
import { sql } from '../src/store/sql/sql-query.js';
import { BACKENDS, freshDatabaseUrl, tempHome, type Backend } from './test-servers.js';

const KEY = Buffer.alloc(32, 3);
const opened: PlyStore[] = [];

/** A place for a store on `backend` that can be opened several times (a reopen, a second process). */
async function placeFor(backend: Backend): Promise<{ home: string; open: (options?: Partial<PlyStoreOptions>) => Promise<PlyStore> }> {
  const home = tempHome();
  const databaseUrl = backend === 'postgres' ? await freshDatabaseUrl() : undefined;
  return {
    home,
    open: async (options = {}) => {
      const store = await PlyStore.open({ home, secretKey: KEY, ...(databaseUrl ? { databaseUrl } : {}), ...options });
      opened.push(store);
      return store;
    },
  };
}

async function open(backend: Backend, options: Partial<PlyStoreOptions> = {}): Promise<PlyStore> {
  return (await placeFor(backend)).open(options);
}

async function rejected(work: () => Promise<unknown>): Promise<PlyError> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(PlyError);
    return error as PlyError;
  }
  throw new Error('expected an error');
}

const appliedMigrations = sql<[], { version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

describe.each(BACKENDS)('PlyStore on %s: database and migrations', (backend) => {
  it('migrates a new database to the latest schema, every migration recorded once', async () => {
    const store = await open(backend);
    expect(store.db.dialect).toBe(backend);
    expect(store.schemaVersion).toBe(PlyStore.latestSchemaVersion);
    expect(await store.db.all(appliedMigrations)).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });

  it('upgrades a database at version 1 to the latest, keeping its data', async () => {
    const db = backend === 'sqlite' ? SqliteDatabase.open(join(tempHome(), 'ply.db')) : (await import('../src/store/sql/postgres-database.js')).PostgresDatabase.open(await freshDatabaseUrl());
    const database = await db;
    expect(await migrate(database, MIGRATIONS, 1)).toBe(1);
    await database.run(sql("INSERT INTO playbooks (id, name, document, created_at, updated_at) VALUES ('p1', 'kept', '{}', 0, 0)"));
    expect(await migrate(database, MIGRATIONS)).toBe(PlyStore.latestSchemaVersion);
    expect((await database.get(sql<[], { name: string; trigger_held: number }>("SELECT name, trigger_held FROM playbooks WHERE id = 'p1'")))).toEqual({ name: 'kept', trigger_held: 0 });
    await database.close();
  });

  it('refuses a database newer than the code', async () => {
    const place = await placeFor(backend);
    const store = await place.open();
    await store.db.run(sql<[string]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, ?, 0)'), 'future');
    const error = await rejected(() => place.open());
    expect(error.code).toBe('PLY_STORE_ERROR');
    expect(error.message).toBe(`the store is at schema version 99 but this Ply knows only up to ${PlyStore.latestSchemaVersion}: upgrade Ply`);
  });

  it('migrates once when two processes open a new database together', async () => {
    const place = await placeFor(backend);
    const [a, b] = await Promise.all([place.open(), place.open()]);
    expect(a.schemaVersion).toBe(PlyStore.latestSchemaVersion);
    expect(b.schemaVersion).toBe(PlyStore.latestSchemaVersion);
    expect(await a.db.all(appliedMigrations)).toHaveLength(MIGRATIONS.length);
  });
});

describe('PlyStore on sqlite: the file', () => {
  it('creates $PLY_HOME/ply.db in WAL mode with foreign keys and a busy timeout', async () => {
    const dir = tempHome();
    const store = await PlyStore.open({ home: dir, secretKey: KEY });
    opened.push(store);
    expect(existsSync(join(dir, 'ply.db'))).toBe(true);
    const raw = (store.db as SqliteDatabase).raw;
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('rolls back a failing migration as a whole', async () => {
    const dir = tempHome();
    const db = new Database(join(dir, 'ply.db'));
    // A table in the way of migration 1: its CREATE fails after others succeeded.
    db.exec('CREATE TABLE executions (x INTEGER)');
    db.close();
    const error = await rejected(() => PlyStore.open({ home: dir, secretKey: KEY }));
    expect(error.message).toMatch(/^migration 1 \(initial\) failed: table executions already exists/);
    const check = new Database(join(dir, 'ply.db'));
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'accounts'").get()).toBeUndefined();
    expect(check.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
    check.close();
  });

  it('creates $PLY_HOME/secret.key with mode 0600 on first use, and reuses it', async () => {
    const dir = tempHome();
    const store = await PlyStore.open({ home: dir });
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
    await store.accounts.create({ module: 'm', name: 'a', configuration: { api_key: 'k-123456' }, secretKeys: ['api_key'] });
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(join(dir, 'secret.key'), 'utf8').trim(), 'base64')).toHaveLength(32);
    await store.close();
    const again = await PlyStore.open({ home: dir });
    opened.push(again);
    expect((await again.accounts.configurationForRun('m', 'a')).configuration).toEqual({ api_key: 'k-123456' });
  });
});

describe('PlyStore on postgres: the server', () => {
  it('refuses to open with a clear error when the server does not answer, the password hidden', async () => {
    const error = await rejected(() => PlyStore.open({ home: tempHome(), databaseUrl: 'postgres://ply:s3cr3t-pass@127.0.0.1:1/ply' }));
    expect(error.code).toBe('PLY_STORE_ERROR');
    expect(error.message).toMatch(/^cannot connect to the store at postgres:\/\/ply:\*\*\*@127\.0\.0\.1:1\/ply: /);
    expect(error.message).not.toContain('s3cr3t-pass');
  });

  it('rolls back a failing migration as a whole', async () => {
    const url = await freshDatabaseUrl();
    const { PostgresDatabase } = await import('../src/store/sql/postgres-database.js');
    const db = await PostgresDatabase.open(url);
    await db.script('CREATE TABLE executions (x INTEGER)');
    await db.close();
    const error = await rejected(() => PlyStore.open({ home: tempHome(), databaseUrl: url, secretKey: KEY }));
    expect(error.message).toMatch(/^migration 1 \(initial\) failed: relation "executions" already exists/);
    const check = await PostgresDatabase.open(url);
    expect(await check.get(sql<[], { n: number }>("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'accounts' AND table_schema = current_schema()"))).toEqual({ n: 0 });
    expect(await check.get(sql<[], { n: number }>('SELECT COUNT(*) AS n FROM schema_migrations'))).toEqual({ n: 0 });
    await check.close();
  });

  it('keeps large values in the database, where every process of a cluster reads them', async () => {
    const store = await open('postgres');
    const p = await store.playbooks.create({ name: 'p', document: {} });
    const id = store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: { blob: 'x'.repeat(200_000) } });
    expect((await store.executions.get(id)).triggerEvent).toEqual({ blob: 'x'.repeat(200_000) });
  });
});

describe('loadSecretKey', () => {
  it('takes the key from PLY_SECRET_KEY when set, and refuses one of the wrong length', () => {
    const dir = tempHome();
    expect(loadSecretKey(join(dir, 'secret.key'), { value: KEY.toString('base64') })).toEqual(KEY);
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
    let error: unknown;
    try {
      loadSecretKey(join(dir, 'secret.key'), { value: Buffer.alloc(16).toString('base64') });
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'PLY_SECRET_KEY_INVALID', message: 'PLY_SECRET_KEY must be 32 bytes encoded in base64 (got 16 bytes)' });
  });

  it('reads PLY_SECRET_KEY_FILE, names it when it is missing, and never creates a key in a cluster', async () => {
    const dir = tempHome();
    const file = join(dir, 'cluster.key');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, `${KEY.toString('base64')}\n`);
    expect(loadSecretKey(join(dir, 'secret.key'), { file })).toEqual(KEY);
    expect(() => loadSecretKey(join(dir, 'secret.key'), { file: join(dir, 'absent.key') })).toThrow(`PLY_SECRET_KEY_FILE ${join(dir, 'absent.key')} cannot be read: ENOENT`);
    expect(() => loadSecretKey(join(dir, 'secret.key'), { mustExist: true })).toThrow(/needs the same secret key on every process: set PLY_SECRET_KEY_FILE/);
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
  });
});

describe.each(BACKENDS)('PlyStore on %s: accounts', (backend) => {
  const secretKeys = ['api_key'];
  const stored = sql<[], { configuration: string; secrets: string }>('SELECT configuration, secrets FROM accounts');

  it('stores secrets encrypted, shows them as { set: true } and decrypts them only for a run', async () => {
    const store = await open(backend);
    const view = await store.accounts.create({ module: 'sekoia.io', name: 'prod', configuration: { base_url: 'https://api.example', api_key: 'sk-abcdef123456' }, secretKeys });
    expect(view.configuration).toEqual({ base_url: 'https://api.example', api_key: { set: true } });
    expect(JSON.stringify(await store.accounts.list())).not.toContain('sk-abcdef123456');
    expect((await store.accounts.configurationForRun('sekoia.io', 'prod')).configuration).toEqual({ base_url: 'https://api.example', api_key: 'sk-abcdef123456' });
    const row = (await store.db.get(stored))!;
    expect(row.configuration).not.toContain('sk-abcdef');
    expect(row.secrets).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
  });

  it('keeps several accounts per module and refuses a duplicate name', async () => {
    const store = await open(backend);
    await store.accounts.create({ module: 'm', name: 'a', configuration: {}, secretKeys });
    await store.accounts.create({ module: 'm', name: 'b', configuration: {}, secretKeys });
    await store.accounts.create({ module: 'other', name: 'a', configuration: {}, secretKeys });
    expect((await store.accounts.list('m')).map((a) => a.name)).toEqual(['a', 'b']);
    expect((await rejected(() => store.accounts.create({ module: 'm', name: 'a', configuration: {}, secretKeys }))).code).toBe('PLY_ACCOUNT_EXISTS');
  });

  it('hands runs one decrypted configuration per account until the account changes', async () => {
    const store = await open(backend);
    const { id } = await store.accounts.create({ module: 'm', name: 'a', configuration: { url: 'u1', api_key: 'k-1111' }, secretKeys: ['api_key'] });
    const first = (await store.accounts.configurationForRun('m', 'a')).configuration;
    expect((await store.accounts.configurationForRun('m', 'a')).configuration).toBe(first);
    await store.accounts.update(id, { configuration: { url: 'u1', api_key: 'k-2222' }, secretKeys: ['api_key'] });
    const second = (await store.accounts.configurationForRun('m', 'a')).configuration;
    expect(second).not.toBe(first);
    expect(second).toEqual({ url: 'u1', api_key: 'k-2222' });
    await store.accounts.delete(id);
    expect((await rejected(() => store.accounts.configurationForRun('m', 'a'))).code).toBe('PLY_ACCOUNT_NOT_FOUND');
  });

  it('drops a cached account when another process of the cluster says it changed', async () => {
    const place = await placeFor(backend);
    const [here, there] = [await place.open(), await place.open()];
    const { id } = await here.accounts.create({ module: 'm', name: 'a', configuration: { api_key: 'k-1111' }, secretKeys });
    expect((await there.accounts.configurationForRun('m', 'a')).configuration).toEqual({ api_key: 'k-1111' });
    await here.accounts.update(id, { configuration: { api_key: 'k-2222' }, secretKeys });
    // Without a message the other process keeps its copy; the change bus delivers this one.
    expect((await there.accounts.configurationForRun('m', 'a')).configuration).toEqual({ api_key: 'k-1111' });
    there.changes.received('accounts');
    expect((await there.accounts.configurationForRun('m', 'a')).configuration).toEqual({ api_key: 'k-2222' });
  });

  it('keeps a secret left out of an update (write-only) and removes one set to null', async () => {
    const store = await open(backend);
    const { id } = await store.accounts.create({ module: 'm', name: 'a', configuration: { url: 'u1', api_key: 'k-1111', token: 't-2222' }, secretKeys: ['api_key', 'token'] });
    await store.accounts.update(id, { configuration: { url: 'u2', token: null }, secretKeys: ['api_key', 'token'] });
    expect((await store.accounts.configurationForRun('m', 'a')).configuration).toEqual({ url: 'u2', api_key: 'k-1111' });
    expect((await store.accounts.get(id)).configuration).toEqual({ url: 'u2', api_key: { set: true } });
  });

  it('refuses to decrypt with another key, and binds sealed secrets to their account', async () => {
    const place = await placeFor(backend);
    const store = await place.open();
    const a = await store.accounts.create({ module: 'm', name: 'a', configuration: { api_key: 'k-aaaa' }, secretKeys });
    const b = await store.accounts.create({ module: 'm', name: 'b', configuration: { api_key: 'k-bbbb' }, secretKeys });
    const other = await place.open({ secretKey: Buffer.alloc(32, 9) });
    expect((await rejected(() => other.accounts.configurationForRun('m', 'a'))).code).toBe('PLY_SECRET_KEY_INVALID');
    // Copying b's ciphertext onto a does not give a b's secret: the account id is authenticated.
    await store.db.run(sql<[string, string]>('UPDATE accounts SET secrets = (SELECT secrets FROM accounts WHERE id = ?) WHERE id = ?'), b.id, a.id);
    store.changes.received('accounts');
    expect((await rejected(() => store.accounts.configurationForRun('m', 'a'))).code).toBe('PLY_SECRET_KEY_INVALID');
  });
});

describe.each(BACKENDS)('PlyStore on %s: playbooks, executions, checkpoints', (backend) => {
  it('versions playbook documents and counts technical failures', async () => {
    const store = await open(backend);
    const p = await store.playbooks.create({ name: 'p', document: { v: 1 } });
    expect(p).toMatchObject({ version: 1, enabled: false, consecutiveFailures: 0 });
    expect(await store.playbooks.update(p.id, { name: 'p', document: { v: 2 } })).toMatchObject({ version: 2, document: { v: 2 } });
    await store.playbooks.setEnabled(p.id, true);
    expect(await store.playbooks.recordOutcome(p.id, 'technical_failure', 2)).toEqual({ disabled: false, consecutiveFailures: 1 });
    expect(await store.playbooks.recordOutcome(p.id, 'user_failure', 2)).toEqual({ disabled: false, consecutiveFailures: 1 });
    expect(await store.playbooks.recordOutcome(p.id, 'technical_failure', 2)).toEqual({ disabled: true, consecutiveFailures: 2 });
    expect((await store.playbooks.get(p.id)).enabled).toBe(false);
    expect((await rejected(() => store.playbooks.get('nope'))).code).toBe('PLY_PLAYBOOK_NOT_FOUND');
  });

  it('keeps every saved document of a playbook as a version, with who saved it, and drops them with the playbook', async () => {
    const store = await open(backend);
    const p = await store.playbooks.create({ name: 'p', document: { v: 1 }, savedBy: 'alice' });
    await store.playbooks.update(p.id, { name: 'p2', document: { v: 2 } });
    expect(await store.playbookVersions.list(p.id)).toMatchObject([
      { playbookId: p.id, version: 2, name: 'p2', document: { v: 2 }, savedBy: null },
      { playbookId: p.id, version: 1, name: 'p', document: { v: 1 }, savedBy: 'alice' },
    ]);
    expect(await store.playbookVersions.find(p.id, 1)).toMatchObject({ document: { v: 1 } });
    expect(await store.playbookVersions.find(p.id, 3)).toBeUndefined();
    await expect(store.playbooks.update('nope', { name: 'x', document: {} })).rejects.toMatchObject({ code: 'PLY_PLAYBOOK_NOT_FOUND' });
    await store.playbooks.delete(p.id);
    expect(await store.playbookVersions.list(p.id)).toEqual([]);
  });

  it('writes a run that ends within one commit as one row, its node records inline', async () => {
    const store = await open(backend);
    const p = await store.playbooks.create({ name: 'p', document: {} });
    const id = store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: { n: 1 } });
    await store.executions.finish(id, { status: 'succeeded', firstSeq: 1, nodes: [{ nodeId: 'a', kind: 'store', attempt: 1, status: 'succeeded', results: { x: 1 }, startedAt: 1, finishedAt: 2 }] });
    expect(await store.db.get(sql<[], { n: number }>('SELECT COUNT(*) AS n FROM execution_nodes'))).toEqual({ n: 0 });
    const record = await store.executions.get(id);
    expect(record).toMatchObject({ status: 'succeeded', nodes: [{ seq: 1, nodeId: 'a', kind: 'store', attempt: 1, status: 'succeeded', results: { x: 1 }, startedAt: new Date(1).toISOString() }] });
  });

  it('reads both shapes of a finished row: event and node records in one column (ended before its commit) or in two (ended after)', async () => {
    const store = await open(backend);
    const p = await store.playbooks.create({ name: 'p', document: {} });
    const node = { nodeId: 'a', kind: 'store', attempt: 1, status: 'succeeded' as const, results: { x: 'ü\n"q"' }, startedAt: 1, finishedAt: 2 };
    const early = store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: { n: 'early' } });
    const noEvent = store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: undefined });
    await Promise.all([early, noEvent].map((id) => store.executions.finish(id, { status: 'succeeded', firstSeq: 1, nodes: [node] })));
    const late = await store.executions.createDurably({ playbookId: p.id, playbookVersion: 1, triggerEvent: { n: 'late' } });
    await store.executions.finish(late, { status: 'failed', error: { code: 'PLY_INTERNAL', message: 'late' }, firstSeq: 1, nodes: [node] });
    const nodesColumn = sql<[string], { nodes: string | null }>('SELECT nodes FROM executions WHERE id = ?');
    expect([(await store.db.get(nodesColumn, early))!.nodes, (await store.db.get(nodesColumn, noEvent))!.nodes]).toEqual([null, null]);
    expect((await store.db.get(nodesColumn, late))!.nodes).not.toBeNull();
    for (const [id, triggerEvent] of [[early, { n: 'early' }], [noEvent, undefined], [late, { n: 'late' }]] as const) {
      const record = await store.executions.get(id);
      expect(record.triggerEvent).toEqual(triggerEvent);
      expect(record.nodes).toMatchObject([{ seq: 1, nodeId: 'a', results: { x: 'ü\n"q"' } }]);
    }
    expect(Object.fromEntries((await store.executions.list()).map((e) => [e.id, e.triggerEvent]))).toEqual({ [early]: { n: 'early' }, [noEvent]: undefined, [late]: { n: 'late' } });
  });

  it('reads a long run\'s records written under way together with its last ones, in order, each once', async () => {
    const store = await open(backend);
    const p = await store.playbooks.create({ name: 'p', document: {} });
    const id = await store.executions.createDurably({ playbookId: p.id, playbookVersion: 1, triggerEvent: {} });
    const node = (nodeId: string) => ({ nodeId, kind: 'store', attempt: 1, status: 'succeeded' as const, startedAt: 1, finishedAt: 2 });
    await store.executions.appendNodes(id, 1, [node('a'), node('b')]);
    // Written again (a worker that took the run over): kept once.
    await store.executions.appendNodes(id, 1, [node('a')]);
    await store.executions.finish(id, { status: 'succeeded', firstSeq: 3, nodes: [node('c')] });
    expect((await store.executions.get(id)).nodes!.map((n) => `${n.seq}:${n.nodeId}`)).toEqual(['1:a', '2:b', '3:c']);
  });

  it('finishes an execution once: a second finish (a late worker) changes nothing', async () => {
    const store = await open(backend);
    const p = await store.playbooks.create({ name: 'p', document: {} });
    const id = await store.executions.createDurably({ playbookId: p.id, playbookVersion: 1, triggerEvent: {}, status: 'queued' });
    expect(await store.executions.markRunning(id)).toBe(true);
    expect(await store.executions.markRunning(id)).toBe(false);
    await store.executions.finish(id, { status: 'succeeded', firstSeq: 1, nodes: [] });
    await store.executions.finish(id, { status: 'failed', error: { code: 'PLY_INTERNAL', message: 'late' }, firstSeq: 1, nodes: [] });
    expect(await store.executions.get(id)).toMatchObject({ status: 'succeeded', error: null });
  });

  it('records executions with node records and reads large values back', async () => {
    const dir = tempHome();
    const store = await open(backend, { home: dir, largeValueBytes: 100 });
    const p = await store.playbooks.create({ name: 'p', document: {} });
    const id = store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: { small: true } });
    const big = { blob: 'x'.repeat(500) };
    await store.executions.finish(id, {
      status: 'succeeded',
      firstSeq: 1,
      nodes: [{ nodeId: 'a', kind: 'action', attempt: 1, status: 'succeeded', arguments: { q: 1 }, results: big, startedAt: 1, finishedAt: 2 }],
    });
    const record = await store.executions.get(id);
    expect(record).toMatchObject({ status: 'succeeded', triggerEvent: { small: true }, error: null });
    const node = record.nodes![0]!;
    expect(node.arguments).toEqual({ q: 1 });
    expect(node.results).toEqual({ $file: '1-a-results.json', bytes: JSON.stringify(big).length });
    expect(existsSync(join(dir, 'executions', id, '1-a-results.json'))).toBe(true);
    expect(store.executions.loadValue(id, node.results)).toEqual(big);
  });

  it('lists executions newest first with filters and keyset pagination', async () => {
    const store = await open(backend);
    const p = await store.playbooks.create({ name: 'p', document: {} });
    const q = await store.playbooks.create({ name: 'q', document: {} });
    const ids = [1, 2, 3].map((n) => store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: { n }, id: `e${n}` }));
    store.executions.create({ playbookId: q.id, playbookVersion: 1, triggerEvent: {}, id: 'q1' });
    await store.executions.finish('e2', { status: 'failed', error: { code: 'PLY_INTERNAL', message: 'x' }, firstSeq: 1, nodes: [] });
    expect((await store.executions.list({ playbookId: p.id })).map((e) => e.id)).toEqual([...ids].reverse());
    expect((await store.executions.list({ playbookId: p.id, limit: 1, before: 'e3' })).map((e) => e.id)).toEqual(['e2']);
    expect((await store.executions.list({ status: 'failed' })).map((e) => [e.id, e.error?.code])).toEqual([['e2', 'PLY_INTERNAL']]);
  });

  it('marks queued and running executions interrupted after a crash', async () => {
    const place = await placeFor(backend);
    const first = await place.open();
    const p = await first.playbooks.create({ name: 'p', document: {} });
    first.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: {}, id: 'running' });
    first.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: {}, id: 'queued', status: 'queued' });
    first.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: {}, id: 'done' });
    await first.executions.finish('done', { status: 'succeeded', firstSeq: 1, nodes: [] });
    await first.close();
    const after = await place.open();
    expect(await after.executions.markInterrupted()).toBe(2);
    expect(await Promise.all(['running', 'queued', 'done'].map(async (id) => (await after.executions.get(id)).status))).toEqual(['interrupted', 'interrupted', 'succeeded']);
  });

  it('deletes the executions of a deleted playbook (foreign keys enforced)', async () => {
    const store = await open(backend);
    const p = await store.playbooks.create({ name: 'p', document: {} });
    store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: {}, id: 'e' });
    await expect(store.executions.createDurably({ playbookId: 'missing', playbookVersion: 1, triggerEvent: {} })).rejects.toThrow(/foreign key/i);
    await store.playbooks.delete(p.id);
    expect((await rejected(() => store.executions.get('e'))).code).toBe('PLY_EXECUTION_NOT_FOUND');
  });

  it('keeps trigger and connector checkpoints apart and across a reopen', async () => {
    const place = await placeFor(backend);
    const store = await place.open();
    const trigger = store.checkpoints.for<{ last: string }>('trigger', 'x');
    expect(await trigger.get()).toBeUndefined();
    await trigger.set({ last: '2026-11-29T10:00:00Z' });
    await store.checkpoints.for('connector', 'x').set({ offset: 7 });
    await store.close();
    const again = await place.open();
    expect(await again.checkpoints.for('trigger', 'x').get()).toEqual({ last: '2026-11-29T10:00:00Z' });
    expect(await again.checkpoints.for('connector', 'x').get()).toEqual({ offset: 7 });
  });
});

describe.each(BACKENDS)('PlyStore on %s: group commit of execution records', (backend) => {
  it('queues the writes of concurrent runs for one commit, and fails only the bad write of a batch', async () => {
    const store = await open(backend);
    const p = await store.playbooks.create({ name: 'p', document: {} });
    const ids = Array.from({ length: 20 }, () => store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: {} }));
    const bad = store.executions.createDurably({ playbookId: 'no-such-playbook', playbookVersion: 1, triggerEvent: {} });
    const finished = ids.map((id) => store.executions.finish(id, { status: 'succeeded', firstSeq: 1, nodes: [] }));
    const failure = bad.then(() => undefined, (error: unknown) => error);
    // 20 inserts, 1 bad insert, 20 finishes: nothing written yet, all in one batch.
    expect(store.writes.pending).toBe(41);
    expect(String(await failure)).toMatch(/foreign key/i);
    await Promise.all(finished);
    // Each run was inserted already finished: its insert was still queued when it finished.
    expect((await store.executions.list({ playbookId: p.id, limit: 100 })).map((e) => e.status)).toEqual(Array(20).fill('succeeded'));
  });

  it('lets readers see queued writes at once', async () => {
    const store = await open(backend);
    const p = await store.playbooks.create({ name: 'p', document: {} });
    const id = store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: { n: 1 } });
    expect(store.writes.pending).toBe(1);
    expect(await store.executions.get(id)).toMatchObject({ status: 'running', triggerEvent: { n: 1 } });
    expect(store.writes.pending).toBe(0);
  });
});

describe('timeOrderedId', () => {
  it('makes RFC 9562 version 7 uuids that sort by creation time', async () => {
    const { timeOrderedId } = await import('../src/store/time-ordered-id.js');
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000].map((ms) => timeOrderedId(ms));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 1000 }, () => timeOrderedId(5))).size).toBe(1000);
  });
});
