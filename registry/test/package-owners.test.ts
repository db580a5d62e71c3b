import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Packument } from '@ply/installer';
import { openSeededRegistry } from './test-registry.js';

type Owned = Packument & { _rev: string; maintainers: Array<{ name: string; email?: string }> };

let test: Awaited<ReturnType<typeof openSeededRegistry>>;
beforeEach(async () => {
  test = await openSeededRegistry();
});
afterEach(() => test.close());

const packument = async (name: string) => (await (await test.request(`/${name.replace('/', '%2f')}`)).json()) as Owned;

/** What `npm owner add|rm` sends: the maintainers list against the revision it read. */
async function setOwners(name: string, owners: string[], token: string, rev?: string) {
  const current = await packument(name);
  const revision = rev ?? current._rev;
  return test.put(`/${name.replace('/', '%2f')}/-rev/${encodeURIComponent(revision)}`, { _id: name, _rev: revision, maintainers: owners.map((owner) => ({ name: owner })) }, token);
}

describe('package owners', () => {
  it('refuses a new version from a publish token of a user who does not own the package', async () => {
    expect((await test.publish(test.alice, { name: 'plugin-echo' })).response.status).toBe(201);
    const attack = await test.publish(test.bob, { name: 'plugin-echo', version: '1.0.1' });
    expect(attack.response.status).toBe(403);
    expect(attack.body).toEqual({ code: 'PLY_REGISTRY_NOT_OWNER', error: expect.stringMatching(/bob is not an owner of plugin-echo \(owners: alice\).*npm owner add bob plugin-echo/) });
    const stored = await packument('plugin-echo');
    expect(Object.keys(stored.versions)).toEqual(['1.0.0']);
    expect(stored.maintainers).toEqual([{ name: 'alice', email: 'alice@example.com' }]);
  });

  it('lets an owner add and remove owners the way `npm owner` does, and an added owner publishes', async () => {
    await test.publish(test.alice, { name: 'plugin-echo' });
    const added = await setOwners('plugin-echo', ['alice', 'bob'], test.alice);
    expect(added.status).toBe(200);
    expect((await packument('plugin-echo')).maintainers).toEqual([
      { name: 'alice', email: 'alice@example.com' },
      { name: 'bob', email: 'bob@example.com' },
    ]);
    expect((await test.publish(test.bob, { name: 'plugin-echo', version: '1.0.1' })).response.status).toBe(201);
    expect((await setOwners('plugin-echo', ['bob'], test.alice)).status).toBe(200);
    expect((await test.publish(test.alice, { name: 'plugin-echo', version: '1.0.2' })).body.code).toBe('PLY_REGISTRY_NOT_OWNER');
  });

  it('refuses owner changes by a non-owner, against a stale revision, to unknown users, or leaving no owner', async () => {
    await test.publish(test.alice, { name: 'plugin-echo' });
    const stale = (await packument('plugin-echo'))._rev;
    const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;
    expect(await codeOf(await setOwners('plugin-echo', ['alice', 'bob'], test.bob))).toBe('PLY_REGISTRY_NOT_OWNER');
    expect(await codeOf(await setOwners('plugin-echo', ['alice', 'mallory'], test.alice))).toBe('PLY_REGISTRY_OWNERS_INVALID');
    expect(await codeOf(await setOwners('plugin-echo', [], test.alice))).toBe('PLY_REGISTRY_OWNERS_INVALID');
    expect((await setOwners('plugin-echo', ['alice', 'bob'], test.alice)).status).toBe(200);
    const conflict = await setOwners('plugin-echo', ['alice'], test.alice, stale);
    expect(conflict.status).toBe(409);
    expect(await codeOf(conflict)).toBe('PLY_REGISTRY_REVISION_CONFLICT');
    const rewrite = await test.put(`/plugin-echo/-rev/${(await packument('plugin-echo'))._rev}`, { maintainers: [{ name: 'alice' }], versions: {} }, test.alice);
    expect(rewrite.status).toBe(405);
  });

  it('moves dist-tags only for an owner', async () => {
    await test.publish(test.alice, { name: 'plugin-echo' });
    const tag = (token: string) => test.put('/-/package/plugin-echo/dist-tags/stable', '1.0.0', token);
    expect((await tag(test.bob)).status).toBe(403);
    expect((await tag(test.alice)).status).toBe(200);
  });
});

describe('scopes', () => {
  it('lets only the members of the organisation publish into its scope', async () => {
    const attack = await test.publish(test.bob, { name: '@acme/plugin-new' });
    expect(attack.response.status).toBe(403);
    expect(attack.body).toEqual({ code: 'PLY_REGISTRY_SCOPE_FORBIDDEN', error: expect.stringMatching(/organisation acme, and bob is not a member.*ply registry org add acme bob/) });
    expect((await test.publish(test.alice, { name: '@acme/plugin-new' })).response.status).toBe(201);
    test.registry.accounts.orgs.addMember('acme', 'bob');
    expect((await test.publish(test.bob, { name: '@acme/plugin-other', slug: 'other' })).response.status).toBe(201);
  });

  it("keeps a user's scope to that user, and refuses a scope that belongs to nobody", async () => {
    expect((await test.publish(test.alice, { name: '@bob/plugin-echo' })).body.code).toBe('PLY_REGISTRY_SCOPE_FORBIDDEN');
    const unclaimed = await test.publish(test.alice, { name: '@nobody/plugin-echo' });
    expect(unclaimed.body.error).toMatch(/@nobody belongs to no user or organisation.*ply registry org create nobody --member alice/);
    expect((await test.publish(test.bob, { name: '@bob/plugin-echo' })).response.status).toBe(201);
  });

  it('stops an owner removed from the organisation from publishing the packages of its scope', async () => {
    await test.publish(test.alice, { name: '@acme/plugin-echo' });
    test.registry.accounts.orgs.removeMember('acme', 'alice');
    expect((await test.publish(test.alice, { name: '@acme/plugin-echo', version: '1.0.1' })).body.code).toBe('PLY_REGISTRY_SCOPE_FORBIDDEN');
  });

  it('refuses an owner outside the scope', async () => {
    await test.publish(test.alice, { name: '@acme/plugin-echo' });
    const response = await setOwners('@acme/plugin-echo', ['alice', 'bob'], test.alice);
    expect(await response.json()).toEqual({ code: 'PLY_REGISTRY_OWNERS_INVALID', error: expect.stringMatching(/bob cannot own @acme\/plugin-echo: .*not a member/) });
  });
});
