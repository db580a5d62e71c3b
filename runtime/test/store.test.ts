import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { PlyError } from '@ply/core';
import { PlyStore } from '../src/store/ply-store.js';
import { loadSecretKey } from '../src/store/secret-key.js';
import { MIGRATIONS } from '../src/store/migration-list.js';
import { migrate } from '../src/store/migrator.js';

const KEY = Buffer.alloc(32, 3);
const opened: PlyStore[] = [];

function home(): string {
  return mkdtempSync(join(tmpdir(), 'ply-store-'));
}

function open(dir: string, options: Partial<Parameters<typeof PlyStore.open>[0]> = {}): PlyStore {
  const store = PlyStore.open({ home: dir, secretKey: KEY, ...options });
  opened.push(store);
  return store;
}

function thrown(work: () => unknown): PlyError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(PlyError);
    return error as PlyError;
  }
  throw new Error('expected an error');
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

describe('PlyStore: database and migrations', () => {
  it('creates $PLY_HOME/ply.db in WAL mode with foreign keys and a busy timeout, at the latest schema', () => {
    const dir = home();
    const store = open(dir);
    expect(existsSync(join(dir, 'ply.db'))).toBe(true);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(store.schemaVersion).toBe(PlyStore.latestSchemaVersion);
    const applied = store.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(applied).toEqual([
      { version: 1, name: 'initial' },
      { version: 2, name: 'checkpoints' },
      { version: 3, name: 'api-tokens' },
      { version: 4, name: 'connector-instances' },
      { version: 5, name: 'trigger-holds' },
    ]);
  });

  it('upgrades a database at version 1 to the latest, keeping its data', async () => {
    const dir = home();
    const old = new Database(join(dir, 'ply.db'));
    expect(migrate(old, MIGRATIONS, 1)).toBe(1);
    old.prepare("INSERT INTO playbooks (id, name, document, created_at, updated_at) VALUES ('p1', 'kept', '{}', 0, 0)").run();
    expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'checkpoints'").get()).toBeUndefined();
    old.close();

    const store = open(dir);
    expect(store.schemaVersion).toBe(PlyStore.latestSchemaVersion);
    expect(store.playbooks.get('p1').name).toBe('kept');
    await store.checkpoints.for('connector', 'c1').set({ cursor: 42 });
    expect(await store.checkpoints.for('connector', 'c1').get()).toEqual({ cursor: 42 });
  });

  it('refuses a database newer than the code', () => {
    const dir = home();
    open(dir).db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, ?, 0)').run('future');
    const error = thrown(() => PlyStore.open({ home: dir, secretKey: KEY }));
    expect(error.code).toBe('PLY_STORE_ERROR');
    expect(error.message).toBe(`the store is at schema version 99 but this Ply knows only up to ${PlyStore.latestSchemaVersion}: upgrade Ply`);
  });

  it('rolls back a failing migration as a whole', () => {
    const dir = home();
    const db = new Database(join(dir, 'ply.db'));
    // A table in the way of migration 1: its CREATE fails after others succeeded.
    db.exec('CREATE TABLE executions (x INTEGER)');
    db.close();
    const error = thrown(() => PlyStore.open({ home: dir, secretKey: KEY }));
    expect(error.message).toMatch(/^migration 1 \(initial\) failed: table executions already exists/);
    const check = new Database(join(dir, 'ply.db'));
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'accounts'").get()).toBeUndefined();
    expect(check.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
    check.close();
  });
});

describe('PlyStore: accounts', () => {
  const secretKeys = ['api_key'];

  it('stores secrets encrypted, shows them as { set: true } and decrypts them only for a run', () => {
    const dir = home();
    const store = open(dir);
    const view = store.accounts.create({ module: 'sekoia.io', name: 'prod', configuration: { base_url: 'https://api.example', api_key: 'sk-abcdef123456' }, secretKeys });
    expect(view.configuration).toEqual({ base_url: 'https://api.example', api_key: { set: true } });
    expect(JSON.stringify(store.accounts.list())).not.toContain('sk-abcdef123456');
    expect(store.accounts.configurationForRun('sekoia.io', 'prod').configuration).toEqual({ base_url: 'https://api.example', api_key: 'sk-abcdef123456' });
    const row = store.db.prepare('SELECT configuration, secrets FROM accounts').get() as { configuration: string; secrets: string };
    expect(row.configuration).not.toContain('sk-abcdef');
    expect(row.secrets).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
  });

  it('keeps several accounts per module and refuses a duplicate name', () => {
    const store = open(home());
    store.accounts.create({ module: 'm', name: 'a', configuration: {}, secretKeys });
    store.accounts.create({ module: 'm', name: 'b', configuration: {}, secretKeys });
    store.accounts.create({ module: 'other', name: 'a', configuration: {}, secretKeys });
    expect(store.accounts.list('m').map((a) => a.name)).toEqual(['a', 'b']);
    expect(thrown(() => store.accounts.create({ module: 'm', name: 'a', configuration: {}, secretKeys })).code).toBe('PLY_ACCOUNT_EXISTS');
  });

  it('hands runs one decrypted configuration per account until the account changes', () => {
    const store = open(home());
    const { id } = store.accounts.create({ module: 'm', name: 'a', configuration: { url: 'u1', api_key: 'k-1111' }, secretKeys: ['api_key'] });
    const first = store.accounts.configurationForRun('m', 'a').configuration;
    expect(store.accounts.configurationForRun('m', 'a').configuration).toBe(first);
    store.accounts.update(id, { configuration: { url: 'u1', api_key: 'k-2222' }, secretKeys: ['api_key'] });
    const second = store.accounts.configurationForRun('m', 'a').configuration;
    expect(second).not.toBe(first);
    expect(second).toEqual({ url: 'u1', api_key: 'k-2222' });
    store.accounts.delete(id);
    expect(thrown(() => store.accounts.configurationForRun('m', 'a')).code).toBe('PLY_ACCOUNT_NOT_FOUND');
  });

  it('keeps a secret left out of an update (write-only) and removes one set to null', () => {
    const store = open(home());
    const { id } = store.accounts.create({ module: 'm', name: 'a', configuration: { url: 'u1', api_key: 'k-1111', token: 't-2222' }, secretKeys: ['api_key', 'token'] });
    store.accounts.update(id, { configuration: { url: 'u2', token: null }, secretKeys: ['api_key', 'token'] });
    expect(store.accounts.configurationForRun('m', 'a').configuration).toEqual({ url: 'u2', api_key: 'k-1111' });
    expect(store.accounts.get(id).configuration).toEqual({ url: 'u2', api_key: { set: true } });
  });

  it('refuses to decrypt with another key, and binds sealed secrets to their account', () => {
    const dir = home();
    const store = open(dir);
    const a = store.accounts.create({ module: 'm', name: 'a', configuration: { api_key: 'k-aaaa' }, secretKeys });
    const b = store.accounts.create({ module: 'm', name: 'b', configuration: { api_key: 'k-bbbb' }, secretKeys });
    const other = open(dir, { secretKey: Buffer.alloc(32, 9) });
    expect(thrown(() => other.accounts.configurationForRun('m', 'a')).code).toBe('PLY_SECRET_KEY_INVALID');
    // Copying b's ciphertext onto a does not give a b's secret: the account id is authenticated.
    store.db.prepare('UPDATE accounts SET secrets = (SELECT secrets FROM accounts WHERE id = ?) WHERE id = ?').run(b.id, a.id);
    expect(thrown(() => store.accounts.configurationForRun('m', 'a')).code).toBe('PLY_SECRET_KEY_INVALID');
  });

  it('creates $PLY_HOME/secret.key with mode 0600 on first use, and reuses it', () => {
    const dir = home();
    const store = PlyStore.open({ home: dir });
    opened.push(store);
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
    store.accounts.create({ module: 'm', name: 'a', configuration: { api_key: 'k-123456' }, secretKeys });
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(join(dir, 'secret.key'), 'utf8').trim(), 'base64')).toHaveLength(32);
    store.close();
    expect(open(dir, { secretKey: undefined }).accounts.configurationForRun('m', 'a').configuration).toEqual({ api_key: 'k-123456' });
  });

  it('takes the key from PLY_SECRET_KEY when set, and refuses one of the wrong length', () => {
    const dir = home();
    expect(loadSecretKey(join(dir, 'secret.key'), KEY.toString('base64'))).toEqual(KEY);
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
    const error = thrown(() => loadSecretKey(join(dir, 'secret.key'), Buffer.alloc(16).toString('base64')));
    expect(error.code).toBe('PLY_SECRET_KEY_INVALID');
    expect(error.message).toBe('PLY_SECRET_KEY must be 32 bytes encoded in base64 (got 16 bytes)');
  });
});

describe('PlyStore: playbooks, executions, checkpoints', () => {
  it('versions playbook documents and counts technical failures', () => {
    const store = open(home());
    const p = store.playbooks.create({ name: 'p', document: { v: 1 } });
    expect(p).toMatchObject({ version: 1, enabled: false, consecutiveFailures: 0 });
    expect(store.playbooks.update(p.id, { name: 'p', document: { v: 2 } })).toMatchObject({ version: 2, document: { v: 2 } });
    store.playbooks.setEnabled(p.id, true);
    expect(store.playbooks.recordOutcome(p.id, 'technical_failure', 2)).toEqual({ disabled: false, consecutiveFailures: 1 });
    expect(store.playbooks.recordOutcome(p.id, 'user_failure', 2)).toEqual({ disabled: false, consecutiveFailures: 1 });
    expect(store.playbooks.recordOutcome(p.id, 'technical_failure', 2)).toEqual({ disabled: true, consecutiveFailures: 2 });
    expect(store.playbooks.get(p.id).enabled).toBe(false);
    expect(thrown(() => store.playbooks.get('nope')).code).toBe('PLY_PLAYBOOK_NOT_FOUND');
  });

  it('records executions with node records, writes large values as files and reads them back', async () => {
    const dir = home();
    const store = open(dir, { largeValueBytes: 100 });
    const p = store.playbooks.create({ name: 'p', document: {} });
    const id = store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: { small: true } });
    const big = { blob: 'x'.repeat(500) };
    await store.executions.finish(id, {
      status: 'succeeded',
      firstSeq: 1,
      nodes: [{ nodeId: 'a', kind: 'action', attempt: 1, status: 'succeeded', arguments: { q: 1 }, results: big, startedAt: 1, finishedAt: 2 }],
    });
    const record = store.executions.get(id);
    expect(record).toMatchObject({ status: 'succeeded', triggerEvent: { small: true }, error: null });
    const node = record.nodes![0]!;
    expect(node.arguments).toEqual({ q: 1 });
    expect(node.results).toEqual({ $file: '1-a-results.json', bytes: JSON.stringify(big).length });
    expect(existsSync(join(dir, 'executions', id, '1-a-results.json'))).toBe(true);
    expect(store.executions.loadValue(id, node.results)).toEqual(big);
  });

  it('lists executions newest first with filters and keyset pagination', () => {
    const store = open(home());
    const p = store.playbooks.create({ name: 'p', document: {} });
    const q = store.playbooks.create({ name: 'q', document: {} });
    const ids = [1, 2, 3].map((n) => store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: { n }, id: `e${n}` }));
    store.executions.create({ playbookId: q.id, playbookVersion: 1, triggerEvent: {}, id: 'q1' });
    store.executions.finish('e2', { status: 'failed', error: { code: 'PLY_INTERNAL', message: 'x' }, firstSeq: 1, nodes: [] });
    expect(store.executions.list({ playbookId: p.id }).map((e) => e.id)).toEqual([...ids].reverse());
    expect(store.executions.list({ playbookId: p.id, limit: 1, before: 'e3' }).map((e) => e.id)).toEqual(['e2']);
    expect(store.executions.list({ status: 'failed' }).map((e) => [e.id, e.error?.code])).toEqual([['e2', 'PLY_INTERNAL']]);
  });

  it('marks queued and running executions interrupted after a crash', () => {
    const dir = home();
    const first = open(dir);
    const p = first.playbooks.create({ name: 'p', document: {} });
    first.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: {}, id: 'running' });
    first.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: {}, id: 'queued', status: 'queued' });
    first.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: {}, id: 'done' });
    first.executions.finish('done', { status: 'succeeded', firstSeq: 1, nodes: [] });
    first.close();
    const after = open(dir);
    expect(after.executions.markInterrupted()).toBe(2);
    expect(['running', 'queued', 'done'].map((id) => after.executions.get(id).status)).toEqual(['interrupted', 'interrupted', 'succeeded']);
  });

  it('deletes the executions of a deleted playbook (foreign keys enforced)', async () => {
    const store = open(home());
    const p = store.playbooks.create({ name: 'p', document: {} });
    store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: {}, id: 'e' });
    await expect(store.executions.createDurably({ playbookId: 'missing', playbookVersion: 1, triggerEvent: {} })).rejects.toThrow(/FOREIGN KEY/);
    store.playbooks.delete(p.id);
    expect(thrown(() => store.executions.get('e')).code).toBe('PLY_EXECUTION_NOT_FOUND');
  });

  it('keeps trigger and connector checkpoints apart and across a reopen', async () => {
    const dir = home();
    const store = open(dir);
    const trigger = store.checkpoints.for<{ last: string }>('trigger', 'x');
    expect(await trigger.get()).toBeUndefined();
    await trigger.set({ last: '2026-11-29T10:00:00Z' });
    await store.checkpoints.for('connector', 'x').set({ offset: 7 });
    store.close();
    const again = open(dir);
    expect(await again.checkpoints.for('trigger', 'x').get()).toEqual({ last: '2026-11-29T10:00:00Z' });
    expect(await again.checkpoints.for('connector', 'x').get()).toEqual({ offset: 7 });
  });
});

describe('PlyStore: group commit of execution records', () => {
  it('queues the writes of concurrent runs for one commit, and fails only the bad write of a batch', async () => {
    const store = open(home());
    const p = store.playbooks.create({ name: 'p', document: {} });
    const ids = Array.from({ length: 20 }, () => store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: {} }));
    const bad = store.executions.createDurably({ playbookId: 'no-such-playbook', playbookVersion: 1, triggerEvent: {} });
    const finished = ids.map((id) => store.executions.finish(id, { status: 'succeeded', firstSeq: 1, nodes: [] }));
    const failure = bad.then(() => undefined, (error: unknown) => error);
    // 20 inserts, 1 bad insert, 20 finishes: nothing written yet, all in one batch.
    expect(store.writes.pending).toBe(41);
    expect(String(await failure)).toMatch(/FOREIGN KEY/);
    await Promise.all(finished);
    // Each run was inserted already finished: its insert was still queued when it finished.
    expect(store.executions.list({ playbookId: p.id, limit: 100 }).map((e) => e.status)).toEqual(Array(20).fill('succeeded'));
  });

  it('lets readers see queued writes at once', () => {
    const store = open(home());
    const p = store.playbooks.create({ name: 'p', document: {} });
    const id = store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: { n: 1 } });
    expect(store.writes.pending).toBe(1);
    expect(store.executions.get(id)).toMatchObject({ status: 'running', triggerEvent: { n: 1 } });
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
