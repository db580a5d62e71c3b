import { createHmac, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PlyStore } from '../src/store/ply-store.js';
import { WebhookSecrets } from '../src/server/webhook-secrets.js';
import { rotateSecretKey } from '../src/store/rotate-secret-key.js';
import { sql } from '../src/store/sql/sql-query.js';
import { BACKENDS, freshDatabaseUrl, tempHome, type Backend } from './test-servers.js';

// Issue #21 item 6: what a reader of the disk or of the database sees of the events Ply handles.

const KEY = Buffer.alloc(32, 7);
const opened: PlyStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

async function open(backend: Backend, home = tempHome()): Promise<PlyStore> {
  const store = await PlyStore.open({ home, secretKey: KEY, largeValueBytes: 512, ...(backend === 'postgres' ? { databaseUrl: await freshDatabaseUrl() } : {}) });
  opened.push(store);
  return store;
}

/** Every file under a folder, with its mode, and the folders' modes. */
function modes(root: string): Array<{ path: string; dir: boolean; mode: number }> {
  const found: Array<{ path: string; dir: boolean; mode: number }> = [];
  const walk = (dir: string): void => {
    found.push({ path: dir, dir: true, mode: statSync(dir).mode & 0o777 });
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push({ path, dir: false, mode: statSync(path).mode & 0o777 });
    }
  };
  walk(root);
  return found;
}

/** An execution whose trigger event, node arguments, results and error (some spilled to files) quote `canary`. */
async function recordCanary(store: PlyStore, canary: string): Promise<string> {
  const p = await store.playbooks.create({ name: 'p', document: { v: 1 } });
  const id = await store.executions.createDurably({ playbookId: p.id, playbookVersion: 1, triggerEvent: { alert: canary, big: `${canary} ${'x'.repeat(2000)}` } });
  const node = (nodeId: string) => ({ nodeId, kind: 'action', attempt: 1, status: 'failed' as const, arguments: { q: canary }, results: { big: `${canary}${'y'.repeat(2000)}` }, error: { code: 'PLY_ACTION_FAILED', message: `vendor said ${canary}` }, startedAt: 1, finishedAt: 2 });
  await store.executions.appendNodes(id, 1, [node('a')]);
  await store.executions.finish(id, { status: 'failed', error: { code: 'PLY_ACTION_FAILED', message: `run failed on ${canary}` }, firstSeq: 2, nodes: [node('b')] });
  await store.checkpoints.write('trigger', 't1', { lastAlert: canary });
  return id;
}

describe.each(BACKENDS)('the store on %s at rest', (backend) => {
  it('seals every record that holds event data, and reads it back whole', async () => {
    const home = tempHome();
    const store = await open(backend, home);
    const canary = `canary-${randomBytes(6).toString('hex')}`;
    const id = await recordCanary(store, canary);
    await store.flush();

    const rows = [
      ...(await store.db.all(sql<[], Record<string, unknown>>('SELECT * FROM executions'))),
      ...(await store.db.all(sql<[], Record<string, unknown>>('SELECT * FROM execution_nodes'))),
      ...(await store.db.all(sql<[], Record<string, unknown>>('SELECT * FROM checkpoints'))),
    ];
    expect(rows.length).toBe(3);
    expect(JSON.stringify(rows)).not.toContain(canary);
    for (const file of modes(home).filter((entry) => !entry.dir)) expect(readFileSync(file.path).includes(canary), file.path).toBe(false);

    const record = await store.executions.get(id);
    expect(store.executions.loadValue(id, record.triggerEvent)).toMatchObject({ alert: canary, big: expect.stringMatching(new RegExp(`^${canary}`)) });
    expect(record.error).toEqual({ code: 'PLY_ACTION_FAILED', message: `run failed on ${canary}` });
    expect(record.nodes!.map((n) => [n.nodeId, n.arguments, n.error?.message])).toEqual([
      ['a', { q: canary }, `vendor said ${canary}`],
      ['b', { q: canary }, `vendor said ${canary}`],
    ]);
    expect(store.executions.loadValue(id, record.nodes![1]!.results)).toEqual({ big: `${canary}${'y'.repeat(2000)}` });
    expect(await store.checkpoints.read('trigger', 't1')).toEqual({ lastAlert: canary });
  });

  it('seals a run that ends before its commit once, its event and node records together, and reads both back, also after a key rotation', async () => {
    const home = tempHome();
    const databaseUrl = backend === 'postgres' ? await freshDatabaseUrl() : undefined;
    writeFileSync(join(home, 'secret.key'), KEY.toString('base64'), { mode: 0o600 });
    const store = await PlyStore.open({ home, secretKey: KEY, ...(databaseUrl ? { databaseUrl } : {}) });
    const canary = `canary-${randomBytes(6).toString('hex')}`;
    const p = await store.playbooks.create({ name: 'p', document: {} });
    const id = store.executions.create({ playbookId: p.id, playbookVersion: 1, triggerEvent: { alert: canary } });
    await store.executions.finish(id, { status: 'succeeded', firstSeq: 1, nodes: [{ nodeId: 'keep', kind: 'store', attempt: 1, status: 'succeeded', results: { kept: canary }, startedAt: 1, finishedAt: 2 }] });
    const row = await store.db.get(sql<[string], { trigger_event: string; nodes: string | null }>('SELECT trigger_event, nodes FROM executions WHERE id = ?'), id);
    // One sealed value: the node records travel with the event.
    expect(row!.nodes).toBeNull();
    expect(row!.trigger_event.startsWith('v1:')).toBe(true);
    expect(row!.trigger_event).not.toContain(canary);
    expect(await store.executions.get(id)).toMatchObject({ triggerEvent: { alert: canary }, nodes: [{ nodeId: 'keep', results: { kept: canary } }] });
    expect((await store.executions.list()).map((e) => e.triggerEvent)).toEqual([{ alert: canary }]);
    await store.close();

    const newKeyFile = join(tempHome(), 'new.key');
    await rotateSecretKey({ home, newKeyFile, current: {}, ...(databaseUrl ? { databaseUrl } : {}) });
    const after = await PlyStore.open({ home, secretKey: Buffer.from(readFileSync(newKeyFile, 'utf8').trim(), 'base64'), ...(databaseUrl ? { databaseUrl } : {}) });
    opened.push(after);
    expect(await after.executions.get(id)).toMatchObject({ triggerEvent: { alert: canary }, nodes: [{ nodeId: 'keep', results: { kept: canary } }] });
  });

  it('refuses a record opened with another key, naming the cause', async () => {
    const home = tempHome();
    const databaseUrl = backend === 'postgres' ? await freshDatabaseUrl() : undefined;
    const first = await PlyStore.open({ home, secretKey: KEY, ...(databaseUrl ? { databaseUrl } : {}) });
    opened.push(first);
    const id = await recordCanary(first, 'c');
    await first.close();
    const other = await PlyStore.open({ home, secretKey: Buffer.alloc(32, 8), ...(databaseUrl ? { databaseUrl } : {}) });
    opened.push(other);
    await expect(other.executions.get(id)).rejects.toMatchObject({ code: 'PLY_SECRET_KEY_INVALID' });
  });
});

describe.each(BACKENDS)('rotating the secret key on %s', (backend) => {
  it('seals everything again under the new key, losing nothing, and the old key opens nothing', async () => {
    const home = tempHome();
    const databaseUrl = backend === 'postgres' ? await freshDatabaseUrl() : undefined;
    writeFileSync(join(home, 'secret.key'), KEY.toString('base64'), { mode: 0o600 });
    const first = await PlyStore.open({ home, secretKey: KEY, largeValueBytes: 512, ...(databaseUrl ? { databaseUrl } : {}) });
    const id = await recordCanary(first, 'canary');
    await first.accounts.create({ module: 'm', name: 'prod', configuration: { api_key: 'sk-rotate-me' }, secretKeys: ['api_key'] });
    await first.close();

    const newKeyFile = join(tempHome(), 'new.key');
    const result = await rotateSecretKey({ home, newKeyFile, current: {}, ...(databaseUrl ? { databaseUrl } : {}) });
    expect(result).toEqual({ counts: { accounts: 1, connectors: 0, executions: 1, nodes: 1, checkpoints: 1, files: 3, keys: 1 }, replacedHomeKey: true });
    const newKey = Buffer.from(readFileSync(newKeyFile, 'utf8').trim(), 'base64');
    expect(readFileSync(join(home, 'secret.key'), 'utf8').trim()).toBe(newKey.toString('base64'));
    expect(statSync(newKeyFile).mode & 0o777).toBe(0o600);

    const after = await PlyStore.open({ home, secretKey: newKey, ...(databaseUrl ? { databaseUrl } : {}) });
    opened.push(after);
    const record = await after.executions.get(id);
    expect(after.executions.loadValue(id, record.triggerEvent)).toMatchObject({ alert: 'canary' });
    expect(after.executions.loadValue(id, record.nodes![0]!.results)).toEqual({ big: `canary${'y'.repeat(2000)}` });
    expect(await after.checkpoints.read('trigger', 't1')).toEqual({ lastAlert: 'canary' });
    expect((await after.accounts.configurationForRun('m', 'prod')).configuration).toEqual({ api_key: 'sk-rotate-me' });

    const stale = await PlyStore.open({ home, secretKey: KEY, ...(databaseUrl ? { databaseUrl } : {}) });
    opened.push(stale);
    await expect(stale.executions.get(id)).rejects.toMatchObject({ code: 'PLY_SECRET_KEY_INVALID' });
    await expect(stale.accounts.configurationForRun('m', 'prod')).rejects.toMatchObject({ code: 'PLY_SECRET_KEY_INVALID' });
  });

  /** The webhook token of playbook p1 as a process of this store derives it. */
  async function tokenOnStore(home: string, key: Buffer, databaseUrl: string | undefined): Promise<string> {
    const store = await PlyStore.open({ home, secretKey: key, ...(databaseUrl ? { databaseUrl } : {}) });
    try {
      return new WebhookSecrets(await store.keys.webhookKey()).tokenOf('p1');
    } finally {
      await store.close();
    }
  }

  it('keeps every webhook token through a rotation (also those of a store that never derived one), and changes them all with newWebhookTokens', async () => {
    const home = tempHome();
    const databaseUrl = backend === 'postgres' ? await freshDatabaseUrl() : undefined;
    writeFileSync(join(home, 'secret.key'), KEY.toString('base64'), { mode: 0o600 });
    // What tokens were before the store kept a webhook key: derived from the secret key itself.
    const before = createHmac('sha256', KEY).update('ply-webhook-v1:p1').digest('base64url');
    await (await PlyStore.open({ home, secretKey: KEY, ...(databaseUrl ? { databaseUrl } : {}) })).close();

    const firstKey = join(tempHome(), 'first.key');
    await rotateSecretKey({ home, newKeyFile: firstKey, current: {}, ...(databaseUrl ? { databaseUrl } : {}) });
    const first = Buffer.from(readFileSync(firstKey, 'utf8').trim(), 'base64');
    expect(await tokenOnStore(home, first, databaseUrl)).toBe(before);

    const secondKey = join(tempHome(), 'second.key');
    await rotateSecretKey({ home, newKeyFile: secondKey, current: {}, ...(databaseUrl ? { databaseUrl } : {}) });
    const second = Buffer.from(readFileSync(secondKey, 'utf8').trim(), 'base64');
    expect(await tokenOnStore(home, second, databaseUrl)).toBe(before);

    const thirdKey = join(tempHome(), 'third.key');
    await rotateSecretKey({ home, newKeyFile: thirdKey, current: {}, newWebhookTokens: true, ...(databaseUrl ? { databaseUrl } : {}) });
    const third = Buffer.from(readFileSync(thirdKey, 'utf8').trim(), 'base64');
    const renewed = await tokenOnStore(home, third, databaseUrl);
    expect(renewed).not.toBe(before);
    expect(renewed).toMatch(/^[\w-]{43}$/);
    // The key is sealed: the old secret key does not give it.
    await expect(tokenOnStore(home, second, databaseUrl)).rejects.toMatchObject({ code: 'PLY_SECRET_KEY_INVALID' });
  });

  it('refuses a new key that is the current one, changing nothing', async () => {
    const home = tempHome();
    const keyFile = join(home, 'secret.key');
    writeFileSync(keyFile, KEY.toString('base64'), { mode: 0o600 });
    await expect(rotateSecretKey({ home, newKeyFile: keyFile, current: {}, ...(backend === 'postgres' ? { databaseUrl: await freshDatabaseUrl() } : {}) })).rejects.toMatchObject({
      code: 'PLY_INVALID_INPUT',
      message: expect.stringContaining('holds the current secret key'),
    });
  });
});

describe('the SQLite store\'s files', () => {
  it('are created 0600 in folders 0700 even under umask 0', async () => {
    const previous = process.umask(0);
    try {
      const home = join(tempHome(), 'home');
      const store = await PlyStore.open({ home, largeValueBytes: 512, secretKey: undefined });
      opened.push(store);
      await recordCanary(store, 'c');
      await store.flush();
      const found = modes(home);
      expect(found.map((entry) => entry.path.slice(home.length))).toEqual(expect.arrayContaining(['', '/ply.db', '/ply.db-wal', '/ply.db-shm', '/secret.key', '/executions']));
      expect(found.filter((entry) => entry.mode !== (entry.dir ? 0o700 : 0o600)).map((entry) => `${entry.path} ${entry.mode.toString(8)}`)).toEqual([]);
    } finally {
      process.umask(previous);
    }
  });
});
