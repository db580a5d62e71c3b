import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../src/index.js';
import { fixtureTarball, publishBody } from './package-fixture.js';
import { openSeededRegistry } from './test-registry.js';

let test: Awaited<ReturnType<typeof openSeededRegistry>>;
beforeEach(async () => {
  test = await openSeededRegistry();
});
afterEach(() => test.close());

describe('module slugs at publish', () => {
  it.each(['../../evil', 'a/b', '..', '.hidden', 'x'.repeat(101)])('refuses the slug %s, which the installer could not use as a folder', async (slug) => {
    const { response, body } = await test.publish(test.alice, { name: 'plugin-evil', slug });
    expect(response.status).toBe(400);
    expect(body).toEqual({ code: 'PLY_REGISTRY_SLUG_INVALID', error: expect.stringContaining(`module slug "${slug}" cannot be installed`) });
    expect((await test.request('/plugin-evil')).status).toBe(404);
  });

  it('refuses a package declaring a slug another package publishes, naming that package and its owners', async () => {
    expect((await test.publish(test.alice, { name: 'plugin-echo' })).response.status).toBe(201);
    const attack = await test.publish(test.bob, { name: 'plugin-echo-2', slug: 'echo' });
    expect(attack.response.status).toBe(403);
    expect(attack.body).toEqual({
      code: 'PLY_REGISTRY_SLUG_OWNED',
      error: expect.stringMatching(/module slug "echo" is already published by plugin-echo \(owners: alice\): only an owner of plugin-echo can publish another package with that slug/),
    });
    expect((await test.publish(test.bob, { name: 'plugin-echo-3', slug: 'ECHO' })).body.code).toBe('PLY_REGISTRY_SLUG_OWNED');
    expect((await test.request('/plugin-echo-2')).status).toBe(404);
  });

  it('lets an owner of the package holding a slug publish another package with it', async () => {
    await test.publish(test.alice, { name: 'plugin-echo' });
    expect((await test.publish(test.alice, { name: 'plugin-echo-next', slug: 'echo' })).response.status).toBe(201);
  });

  it('keeps slugs held across restarts', async () => {
    await test.publish(test.alice, { name: 'plugin-echo' });
    const restarted = createRegistry({ storage: test.storage, logger: test.logs.logger, limits: { maxCompressedBytes: 64 * 1024 } });
    const tarball = await fixtureTarball({ name: 'plugin-copy', slug: 'echo' });
    const response = await restarted.fetch(new Request('http://registry.test/plugin-copy', { method: 'PUT', headers: { authorization: `Bearer ${test.bob}`, 'content-type': 'application/json' }, body: JSON.stringify(publishBody(tarball, 'plugin-copy', '1.0.0')) }));
    expect(((await response.json()) as { code: string }).code).toBe('PLY_REGISTRY_SLUG_OWNED');
  });
});

describe('which package holds a module slug (/-/ply/v1/slugs/<slug>)', () => {
  it('names the package that published it first, every package publishing it, their owners and versions', async () => {
    await test.publish(test.alice, { name: 'plugin-echo' });
    await test.publish(test.alice, { name: 'plugin-echo', version: '1.1.0' });
    await test.publish(test.alice, { name: 'plugin-echo-next', slug: 'Echo' });
    expect(await (await test.request('/-/ply/v1/slugs/echo')).json()).toEqual({
      slug: 'echo',
      package: 'plugin-echo',
      packages: [
        { name: 'plugin-echo', owners: ['alice'], versions: ['1.0.0', '1.1.0'] },
        { name: 'plugin-echo-next', owners: ['alice'], versions: ['1.0.0'] },
      ],
    });
    const unknown = await test.request('/-/ply/v1/slugs/nothing');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('PLY_REGISTRY_PACKAGE_NOT_FOUND');
  });
});
