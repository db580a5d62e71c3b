import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlyError } from '@ply/core';
import { PlyStore } from '../src/store/ply-store.js';

async function openStore() {
  const home = mkdtempSync(join(tmpdir(), 'ply-tokens-'));
  return { home, store: await PlyStore.open({ home, secretKey: Buffer.alloc(32, 7) }) };
}

describe('API tokens', () => {
  it('verifies a created token and returns its role; an unknown token is refused', async () => {
    const { store } = await openStore();
    const { token, record } = await store.tokens.create('ci-bot', 'operator');
    expect(token).toMatch(/^ply_[\w-]{43}$/);
    expect(await store.tokens.verify(token)).toMatchObject({ id: record.id, name: 'ci-bot', role: 'operator' });
    expect(await store.tokens.verify(`${token}x`)).toBeUndefined();
    expect(await store.tokens.verify('not-a-token')).toBeUndefined();
  });

  it('never stores the token itself', async () => {
    const { home, store } = await openStore();
    const { token } = await store.tokens.create('admin', 'admin');
    await store.close();
    for (const file of ['ply.db', 'ply.db-wal'].filter((name) => existsSync(join(home, name)))) {
      expect(readFileSync(join(home, file)).toString('latin1')).not.toContain(token);
    }
  });

  it('refuses a bad role, a bad name and a duplicate name; revokes by name', async () => {
    const { store } = await openStore();
    await expect(store.tokens.create('x', 'root' as 'admin')).rejects.toThrow(PlyError);
    await expect(store.tokens.create('no spaces allowed', 'viewer')).rejects.toThrow(/token name/);
    const { token } = await store.tokens.create('viewer-1', 'viewer');
    await expect(store.tokens.create('viewer-1', 'viewer')).rejects.toThrow(/already exists/);
    expect(await store.tokens.revoke('viewer-1')).toBe(true);
    expect(await store.tokens.verify(token)).toBeUndefined();
    expect(await store.tokens.list()).toEqual([]);
  });
});
