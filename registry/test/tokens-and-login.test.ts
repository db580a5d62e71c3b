import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLogs } from '@ply/kit/testing';
import { createRegistry, RegistryAccounts } from '../src/index.js';
import { openSeededRegistry, PASSWORD } from './test-registry.js';

let test: Awaited<ReturnType<typeof openSeededRegistry>>;
beforeEach(async () => {
  test = await openSeededRegistry();
});
afterEach(() => test.close());

const whoami = (token: string) => test.request('/-/whoami', { headers: { authorization: `Bearer ${token}` } });

/** The body npm-profile's loginCouch (and adduserCouch, with an email) sends. */
const login = (name: string, password: string) =>
  test.request(`/-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, type: 'user', roles: [], date: new Date().toISOString() }),
  });

describe('token roles and restrictions', () => {
  it('refuses every write with a read-only token', async () => {
    const read = test.token('alice', { role: 'read' });
    expect(await (await whoami(read)).json()).toEqual({ username: 'alice' });
    const published = await test.publish(read);
    expect(published.response.status).toBe(403);
    expect(published.body).toEqual({ code: 'PLY_REGISTRY_TOKEN_READ_ONLY', error: expect.stringMatching(/read-only.*--role publish/) });
  });

  it('lets a token restricted to a package or a scope write only there', async () => {
    const onePackage = test.token('alice', { package: '@acme/plugin-echo' });
    expect((await test.publish(onePackage, { name: '@acme/plugin-other', slug: 'other' })).body).toEqual({ code: 'PLY_REGISTRY_TOKEN_RESTRICTED', error: 'this token may only write to @acme/plugin-echo, not to @acme/plugin-other' });
    expect((await test.publish(onePackage)).response.status).toBe(201);
    const oneScope = test.token('alice', { scope: '@acme' });
    expect((await test.publish(oneScope, { name: 'plugin-echo-unscoped', slug: 'unscoped' })).body.code).toBe('PLY_REGISTRY_TOKEN_RESTRICTED');
    expect((await test.publish(oneScope, { name: '@acme/plugin-other', slug: 'other' })).response.status).toBe(201);
  });

  it('lists tokens without the token or its hash, and refuses a revoked token from the next request on', async () => {
    const token = test.token('bob', { role: 'read' });
    const listed = test.registry.accounts.tokens.list('bob').find((entry) => entry.role === 'read')!;
    expect(JSON.stringify(test.registry.accounts.tokens.list())).not.toContain(createHash('sha256').update(token).digest('hex'));
    expect(listed).toEqual({ id: expect.stringMatching(/^[0-9a-f]{12}$/), user: 'bob', role: 'read', createdAt: expect.any(String), createdBy: 'cli' });
    expect((await whoami(token)).status).toBe(200);
    // Revoked through another handle on the same storage, as `ply registry token revoke` does while the registry runs.
    new RegistryAccounts(test.storage).tokens.revoke(listed.id);
    const refused = await whoami(token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ code: 'PLY_REGISTRY_UNAUTHENTICATED', error: expect.stringMatching(/not valid.*revoked/) });
  });

  it('lets `npm logout` revoke its own token, never one of another user', async () => {
    const bobs = test.token('bob');
    const logout = (token: string, as: string) => test.request(`/-/user/token/${encodeURIComponent(token)}`, { method: 'DELETE', headers: { authorization: `Bearer ${as}` } });
    expect((await logout(bobs, test.alice)).status).toBe(404);
    expect((await whoami(bobs)).status).toBe(200);
    expect((await logout(bobs, bobs)).status).toBe(200);
    expect((await whoami(bobs)).status).toBe(401);
    expect(test.logs.text()).not.toContain(bobs);
    expect(test.logs.text()).toContain('/-/user/token/[REDACTED]');
  });
});

describe('npm login (couch style)', () => {
  it("gives a new publish token for a user's real password", async () => {
    const response = await login('alice', PASSWORD);
    expect(response.status).toBe(201);
    const { token } = (await response.json()) as { token: string };
    expect(await (await whoami(token)).json()).toEqual({ username: 'alice' });
    expect(test.registry.accounts.tokens.identify(token)).toMatchObject({ user: 'alice', role: 'publish', createdBy: 'npm login' });
  });

  it('refuses a token as password, so a token cannot mint tokens', async () => {
    const response = await login('alice', test.alice);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 'PLY_REGISTRY_LOGIN_FAILED', error: expect.stringMatching(/unknown user or wrong password/) });
    expect(test.registry.accounts.tokens.list('alice')).toHaveLength(1);
  });

  it('refuses a wrong password, an unknown user and a name that differs from the URL, and declines web login', async () => {
    expect((await login('alice', 'not the password')).status).toBe(401);
    expect((await login('mallory', PASSWORD)).status).toBe(401);
    const mismatch = await test.request('/-/user/org.couchdb.user:bob', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'alice', password: PASSWORD }) });
    expect(mismatch.status).toBe(401);
    const web = await test.request('/-/v1/login', { method: 'POST' });
    expect(web.status).toBe(404);
    expect(((await web.json()) as { code: string }).code).toBe('PLY_REGISTRY_WEB_LOGIN_UNSUPPORTED');
  });

  it('shows a user to an authenticated client, as `npm owner add` reads it', async () => {
    expect(await (await test.request('/-/user/org.couchdb.user:bob', { headers: { authorization: `Bearer ${test.alice}` } })).json()).toEqual({
      _id: 'org.couchdb.user:bob',
      name: 'bob',
      email: 'bob@example.com',
      type: 'user',
      roles: [],
    });
    expect((await test.request('/-/user/org.couchdb.user:bob')).status).toBe(401);
    expect((await test.request('/-/user/org.couchdb.user:mallory', { headers: { authorization: `Bearer ${test.alice}` } })).status).toBe(404);
  });
});

describe('tokens of a registry from before accounts (tokens.json)', () => {
  let storage: string;
  beforeEach(() => {
    storage = mkdtempSync(join(tmpdir(), 'ply-registry-legacy-'));
  });
  afterEach(() => rmSync(storage, { recursive: true, force: true }));

  it('become publish tokens of their user, who owns what it published and logs in once given a password', async () => {
    const legacy = 'ply_legacy-token-made-by-an-older-registry';
    writeFileSync(join(storage, 'tokens.json'), JSON.stringify([{ hash: createHash('sha256').update(legacy).digest('hex'), user: 'admin', createdAt: '2024-01-01T00:00:00.000Z' }]));
    const logs = captureLogs();
    const registry = createRegistry({ storage, logger: logs.logger });
    expect(existsSync(join(storage, 'tokens.json'))).toBe(false);
    expect(existsSync(join(storage, 'tokens.json.migrated'))).toBe(true);
    expect(registry.accounts.tokens.identify(legacy)).toMatchObject({ user: 'admin', role: 'publish', createdBy: 'tokens.json' });
    expect(registry.accounts.users.list()).toEqual([{ name: 'admin', canLogIn: false, createdAt: '2024-01-01T00:00:00.000Z' }]);
    const loginAsAdmin = (password: string) =>
      registry.fetch(new Request('http://registry.test/-/user/org.couchdb.user:admin', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password }) }));
    expect((await loginAsAdmin(legacy)).status).toBe(401);
    await registry.accounts.users.setPassword('admin', PASSWORD);
    expect((await loginAsAdmin(PASSWORD)).status).toBe(201);
  });

  it('leave packuments without owners owned by their publishers', async () => {
    const seeded = await openSeededRegistry();
    try {
      await seeded.publish(seeded.alice, { name: 'plugin-echo' });
      const file = join(seeded.storage, 'packages', 'plugin-echo', 'packument.json');
      const { maintainers: _maintainers, _rev: _revision, ...older } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify(older));
      const restarted = createRegistry({ storage: seeded.storage, logger: seeded.logs.logger });
      const served = (await (await restarted.fetch(new Request('http://registry.test/plugin-echo'))).json()) as { maintainers: unknown; _rev: string };
      expect(served.maintainers).toEqual([{ name: 'alice', email: 'alice@example.com' }]);
      expect(served._rev).toMatch(/^1-[0-9a-f]{32}$/);
    } finally {
      seeded.close();
    }
  });
});
