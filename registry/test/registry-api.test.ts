import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha512Integrity, verifyPackageSignature, type Packument, type RegistryKey } from '@ply/installer';
import { createRegistry } from '../src/index.js';
import type { fixtureTarball } from './package-fixture.js';
import { openSeededRegistry } from './test-registry.js';

const NAME = '@acme/plugin-echo';
let test: Awaited<ReturnType<typeof openSeededRegistry>>;
let token: string;

beforeEach(async () => {
  test = await openSeededRegistry();
  token = test.alice;
});
afterEach(() => test.close());

const request = (path: string, init: RequestInit = {}) => test.request(path, init);
const put = (path: string, body: unknown, auth: string | undefined = token) => test.put(path, body, auth);

async function publish(options: Parameters<typeof fixtureTarball>[0] = {}, auth: string | undefined = token) {
  return test.publish(auth, options);
}

describe('the registry (npm protocol)', () => {
  it('publishes a version and serves its packument under both scoped-name spellings, with signed dist', async () => {
    const { response, tarball } = await publish();
    expect(response.status).toBe(201);
    for (const path of [`/@acme%2fplugin-echo`, `/@acme/plugin-echo`, `/@acme%2Fplugin-echo`]) {
      const packument = (await (await request(path)).json()) as Packument;
      expect(packument['dist-tags']).toEqual({ latest: '1.0.0' });
      expect(packument.versions['1.0.0']!.dist.tarball).toBe('http://registry.test/@acme/plugin-echo/-/plugin-echo-1.0.0.tgz');
    }
    const packument = (await (await request('/@acme%2fplugin-echo')).json()) as Packument;
    const version = packument.versions['1.0.0']!;
    expect(version.engines).toEqual({ ply: '>=0.1.0' });
    expect(version.dist.integrity).toBe(sha512Integrity(tarball));
    const download = await request('/@acme/plugin-echo/-/plugin-echo-1.0.0.tgz');
    expect(Buffer.from(await download.arrayBuffer()).equals(tarball)).toBe(true);
    const { keys } = (await (await request('/-/npm/v1/keys')).json()) as { keys: RegistryKey[] };
    expect(keys[0]).toMatchObject({ keytype: 'ecdsa-sha2-nistp256', scheme: 'ecdsa-sha2-nistp256', expires: null });
    expect(verifyPackageSignature(version.dist.signatures, keys, NAME, '1.0.0', version.dist.integrity!)).toBe(keys[0]!.keyid);
    expect(() => verifyPackageSignature(version.dist.signatures, keys, NAME, '1.0.1', version.dist.integrity!)).toThrow(/does not verify/);
  });

  it('answers 304 to a packument request with the current ETag', async () => {
    await publish();
    const first = await request('/@acme%2fplugin-echo');
    const again = await request('/@acme%2fplugin-echo', { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('needs a valid token to publish, and says who it belongs to at /-/whoami', async () => {
    expect((await publish({}, '')).response.status).toBe(401);
    const wrong = await publish({}, 'ply_not-a-token');
    expect(wrong.response.status).toBe(401);
    expect(wrong.body.error).toMatch(/not valid/);
    const whoami = await request('/-/whoami', { headers: { authorization: `Bearer ${token}` } });
    expect(await whoami.json()).toEqual({ username: 'alice' });
    expect((await request('/-/whoami')).status).toBe(401);
    expect((await request('/@acme%2fplugin-echo')).status).toBe(404);
  });

  it('refuses to publish over an existing version (published versions are immutable)', async () => {
    await publish();
    const again = await publish({ files: { 'README.md': '# changed\n' } });
    expect(again.response.status).toBe(409);
    expect(again.body.error).toMatch(/immutable/);
    expect((await request('/@acme%2fplugin-echo', { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
    expect((await put('/@acme%2fplugin-echo/-rev/1-abc', {})).status).toBe(405);
  });

  it('refuses a tarball without a valid module manifest', async () => {
    const missing = await publish({ files: { 'module/manifest.json': undefined } });
    expect(missing.response.status).toBe(400);
    expect(missing.body.error).toMatch(/no valid module manifest/);
    const broken = await publish({ files: { 'module/manifest.json': '{"slug": 1}' } });
    expect(broken.response.status).toBe(400);
    expect(broken.body.error).toMatch(/no valid module manifest/);
    expect(broken.body.error).not.toContain(tmpdir());
  });

  it("refuses a package.json version different from manifest.json's", async () => {
    const { response, body } = await publish({ version: '1.0.1', manifestVersion: '1.0.0' });
    expect(response.status).toBe(400);
    expect(body.error).toMatch(/package.json version 1.0.1 differs from manifest.json version 1.0.0/);
  });

  it('refuses a tarball over the size limit, and an unsafe tarball', async () => {
    const big = await publish({ padding: 200 * 1024 });
    expect(big.response.status).toBe(413);
    expect(big.body.error).toMatch(/over the limit/);
    const linked = await publish({ symlinks: { 'dist/passwd': '/etc/passwd' } });
    expect(linked.response.status).toBe(400);
    expect(linked.body.error).toMatch(/SymbolicLink/);
    expect((await request('/@acme%2fplugin-echo')).status).toBe(404);
  });

  it('sets, reads and removes dist-tags', async () => {
    await publish();
    await publish({ version: '1.1.0-beta.1' }).then(({ response }) => expect(response.status).toBe(201));
    const tag = await put('/-/package/@acme%2fplugin-echo/dist-tags/next', '1.1.0-beta.1');
    expect(tag.status).toBe(200);
    expect(await (await request('/-/package/@acme%2fplugin-echo/dist-tags')).json()).toEqual({ latest: '1.1.0-beta.1', next: '1.1.0-beta.1' });
    expect((await put('/-/package/@acme%2fplugin-echo/dist-tags/latest', '1.0.0')).status).toBe(200);
    expect((await put('/-/package/@acme%2fplugin-echo/dist-tags/x', '9.9.9')).status).toBe(400);
    expect((await request('/-/package/@acme%2fplugin-echo/dist-tags/next', { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const packument = (await (await request('/@acme%2fplugin-echo')).json()) as Packument;
    expect(packument['dist-tags']).toEqual({ latest: '1.0.0' });
  });

  it("answers npm's search API with text, size and from", async () => {
    await publish();
    await publish({ name: 'plugin-other', files: { 'package.json': JSON.stringify({ name: 'plugin-other', version: '1.0.0', description: 'Something else', type: 'module', exports: { '.': './dist/index.js' }, ply: { module: 'module' } }) } });
    const search = async (query: string) => (await (await request(`/-/v1/search?${query}`)).json()) as { objects: Array<{ package: { name: string } }>; total: number };
    expect((await search('text=echo')).objects.map((o) => o.package.name)).toEqual([NAME]);
    expect((await search('text=plugin')).total).toBe(2);
    expect((await search('text=plugin&size=1&from=1')).objects).toHaveLength(1);
    expect((await search('text=keywords:testing')).objects.map((o) => o.package.name)).toEqual([NAME]);
    expect((await search('text=nothing-like-this')).total).toBe(0);
  });

  it('keeps packages, accounts and its signing key across restarts', async () => {
    await publish();
    const keyid = test.registry.keys.keyid;
    const restarted = createRegistry({ storage: test.storage, logger: test.logs.logger });
    expect(restarted.keys.keyid).toBe(keyid);
    expect((await restarted.fetch(new Request('http://registry.test/@acme%2fplugin-echo'))).status).toBe(200);
    expect(restarted.accounts.tokens.identify(token)?.user).toBe('alice');
  });
});

describe('module browsing (/-/ply/v1/modules)', () => {
  it('lists modules with counts, filters by text and category, and shows one version with its schemas', async () => {
    await publish({ categories: ['Generic', 'Collaboration'] });
    const list = (await (await request('/-/ply/v1/modules')).json()) as { modules: unknown[] };
    expect(list.modules).toEqual([
      { name: NAME, slug: 'echo', version: '1.0.0', description: 'Echoes its arguments', categories: ['Generic', 'Collaboration'], actions: 1, triggers: 0, connectors: 0 },
    ]);
    expect(((await (await request('/-/ply/v1/modules?category=collaboration')).json()) as { total: number }).total).toBe(1);
    expect(((await (await request('/-/ply/v1/modules?category=Network')).json()) as { total: number }).total).toBe(0);
    expect(((await (await request('/-/ply/v1/modules?q=ech')).json()) as { total: number }).total).toBe(1);
    const details = (await (await request('/-/ply/v1/modules/@acme%2fplugin-echo/latest')).json()) as { manifest: { slug: string }; actions: Array<{ slug: string; arguments: unknown }> };
    expect(details.manifest.slug).toBe('echo');
    expect(details.actions[0]).toMatchObject({ slug: 'echo', docker_parameters: 'echo', arguments: { required: ['message'] } });
    expect((await request('/-/ply/v1/modules/@acme/plugin-echo/1.0.0')).status).toBe(200);
    expect((await request('/-/ply/v1/modules/@acme/plugin-echo/2.0.0')).status).toBe(404);
  });
});
