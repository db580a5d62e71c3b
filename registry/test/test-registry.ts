import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureLogs } from '@ply/kit/testing';
import { createRegistry, type Registry, type RegistryOptions, type TokenGrant } from '../src/index.js';
import { fixtureTarball, publishBody, type FixtureOptions } from './package-fixture.js';

export const PASSWORD = 'correct horse battery staple';

/** A registry on a fresh storage folder, answering through `app.request` (no socket: `registry.fetch`), its log captured. */
export interface TestRegistry {
  registry: Registry;
  storage: string;
  logs: ReturnType<typeof captureLogs>;
  request(path: string, init?: RequestInit): Promise<Response>;
  put(path: string, body: unknown, token?: string): Promise<Response>;
  /** Publishes a fixture tarball (default `@acme/plugin-echo@1.0.0`) with `token`. */
  publish(token: string | undefined, options?: FixtureOptions): Promise<{ response: Response; body: { error?: string; code?: string }; tarball: Buffer }>;
  /** A registry user with {@link PASSWORD}. */
  addUser(name: string, email?: string): Promise<void>;
  /** A token of `user` (publish role, no restriction, unless told). */
  token(user: string, grant?: Partial<Omit<TokenGrant, 'user'>>): string;
  close(): void;
}

export async function openTestRegistry(options: Partial<RegistryOptions> = {}): Promise<TestRegistry> {
  const storage = mkdtempSync(join(tmpdir(), 'ply-registry-'));
  const logs = captureLogs('info');
  const registry = createRegistry({ storage, limits: { maxCompressedBytes: 64 * 1024 }, logger: logs.logger, ...options });
  const request = (path: string, init: RequestInit = {}) => Promise.resolve(registry.fetch(new Request(`http://registry.test${path}`, init)));
  const put = (path: string, body: unknown, token?: string) =>
    request(path, { method: 'PUT', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  return {
    registry,
    storage,
    logs,
    request,
    put,
    async publish(token, fixture = {}) {
      const name = fixture.name ?? '@acme/plugin-echo';
      const tarball = await fixtureTarball({ name, ...fixture });
      const response = await put(`/${name.replace('/', '%2f')}`, publishBody(tarball, name, fixture.version ?? '1.0.0'), token);
      return { response, tarball, body: (await response.json()) as { error?: string; code?: string } };
    },
    async addUser(name, email) {
      await registry.accounts.users.add(name, PASSWORD, email);
    },
    token(user, grant = {}) {
      return registry.accounts.tokens.create({ role: 'publish', createdBy: 'cli', ...grant, user }).token;
    },
    close: () => rmSync(storage, { recursive: true, force: true }),
  };
}

/** alice (member of acme, which owns @acme) and bob (in no organisation), with a publish token each. */
export async function openSeededRegistry(options: Partial<RegistryOptions> = {}): Promise<TestRegistry & { alice: string; bob: string }> {
  const test = await openTestRegistry(options);
  await test.addUser('alice', 'alice@example.com');
  await test.addUser('bob', 'bob@example.com');
  test.registry.accounts.orgs.create('acme', ['alice']);
  return { ...test, alice: test.token('alice'), bob: test.token('bob') };
}
