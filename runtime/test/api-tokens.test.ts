import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlyError } from '@ply/core';
import { PlyStore } from '../src/store/ply-store.js';

function openStore() {
  const home = mkdtempSync(join(tmpdir(), 'ply-tokens-'));
  return { home, store: PlyStore.open({ home, secretKey: Buffer.alloc(32, 7) }) };
}

describe('API tokens', () => {
  it('verifies a created token and returns its role; an unknown token is refused', () => {
    const { store } = openStore();
    const { token, record } = store.tokens.create('ci-bot', 'operator');
    expect(token).toMatch(/^ply_[\w-]{43}$/);
    expect(store.tokens.verify(token)).toMatchObject({ id: record.id, name: 'ci-bot', role: 'operator' });
    expect(store.tokens.verify(`${token}x`)).toBeUndefined();
    expect(store.tokens.verify('not-a-token')).toBeUndefined();
  });

  it('never stores the token itself', () => {
    const { home, store } = openStore();
    const { token } = store.tokens.create('admin', 'admin');
    store.close();
    for (const file of ['ply.db', 'ply.db-wal'].filter((name) => existsSync(join(home, name)))) {
      expect(readFileSync(join(home, file)).toString('latin1')).not.toContain(token);
    }
  });

  it('refuses a bad role, a bad name and a duplicate name; revokes by name', () => {
    const { store } = openStore();
    expect(() => store.tokens.create('x', 'root' as 'admin')).toThrow(PlyError);
    expect(() => store.tokens.create('no spaces allowed', 'viewer')).toThrow(/token name/);
    const { token } = store.tokens.create('viewer-1', 'viewer');
    expect(() => store.tokens.create('viewer-1', 'viewer')).toThrow(/already exists/);
    expect(store.tokens.revoke('viewer-1')).toBe(true);
    expect(store.tokens.verify(token)).toBeUndefined();
    expect(store.tokens.list()).toEqual([]);
  });
});
