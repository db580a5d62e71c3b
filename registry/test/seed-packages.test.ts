import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha512Integrity, verifyPackageSignature, type Packument, type RegistryKey } from '@ply/installer';
import { createRegistry, seedPackages, type Registry, type SeedPackage } from '../src/index.js';
import { fixtureTarball, publishBody } from './package-fixture.js';
import { PASSWORD } from './test-registry.js';

/** A request to the registry as its server sends them (with its request log), no socket. */
function ask(registry: Registry, url: string, init?: RequestInit): Promise<Response> {
  return Promise.resolve(registry.fetch(new Request(url, init)));
}

/** A library seed: a tarball that holds no module (the publish route would refuse it), counting its packs. */
function library(name: string, version: string, packs: string[]): SeedPackage {
  return {
    name,
    version,
    pack: async () => {
      packs.push(`${name}@${version}`);
      return { tarball: Buffer.from(`not a module: ${name}@${version}`), packageJson: { name, version, description: `${name} library`, dependencies: {} } };
    },
  };
}

describe('seeding a registry with the libraries plugin authors install', () => {
  it('serves a seeded version as npm expects: packument with latest, tarball, and a signature by the registry key', async () => {
    const storage = mkdtempSync(join(tmpdir(), 'ply-seed-'));
    const report = await seedPackages(storage, [library('@ply/core', '0.1.0', []), library('zod', '4.6.7', [])]);
    expect(report).toEqual({ seeded: ['@ply/core@0.1.0', 'zod@4.6.7'], present: [] });

    const registry = createRegistry({ storage });
    const packument = (await (await ask(registry, 'http://registry.test/@ply%2fcore')).json()) as Packument;
    expect(packument['dist-tags']).toEqual({ latest: '0.1.0' });
    const version = packument.versions['0.1.0']!;
    expect(version).toMatchObject({ name: '@ply/core', version: '0.1.0', description: '@ply/core library', dist: { tarball: 'http://registry.test/@ply/core/-/core-0.1.0.tgz' } });
    const tarball = Buffer.from(await (await ask(registry, version.dist.tarball)).arrayBuffer());
    expect(tarball.toString()).toBe('not a module: @ply/core@0.1.0');
    expect(version.dist.integrity).toBe(sha512Integrity(tarball));
    const { keys } = (await (await ask(registry, 'http://registry.test/-/npm/v1/keys')).json()) as { keys: RegistryKey[] };
    expect(verifyPackageSignature(version.dist.signatures, keys, '@ply/core', '0.1.0', version.dist.integrity!)).toBe(keys[0]!.keyid);
  });

  it('packs and writes only the versions the registry does not hold, and never replaces one', async () => {
    const storage = mkdtempSync(join(tmpdir(), 'ply-seed-'));
    const packs: string[] = [];
    await seedPackages(storage, [library('hono', '4.13.19', packs)]);
    const again = await seedPackages(storage, [library('hono', '4.13.19', packs), library('hono', '4.14.0', packs)]);
    expect(again).toEqual({ seeded: ['hono@4.14.0'], present: ['hono@4.13.19'] });
    expect(packs).toEqual(['hono@4.13.19', 'hono@4.14.0']);
    const packument = createRegistry({ storage }).storage.packument('hono')!;
    expect(Object.keys(packument.versions)).toEqual(['4.13.19', '4.14.0']);
    expect(packument['dist-tags']['latest']).toBe('4.14.0');
  });

  it('leaves publishing of modules as it was, beside the seeded libraries', async () => {
    const storage = mkdtempSync(join(tmpdir(), 'ply-seed-'));
    await seedPackages(storage, [library('zod', '4.6.7', [])]);
    const registry = createRegistry({ storage });
    await registry.accounts.users.add('alice', PASSWORD);
    registry.accounts.orgs.create('acme', ['alice']);
    const { token } = registry.accounts.tokens.create({ user: 'alice', role: 'publish', createdBy: 'cli' });
    const tarball = await fixtureTarball({});
    const response = await ask(registry, 'http://registry.test/@acme%2fplugin-echo', { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(publishBody(tarball, '@acme/plugin-echo', '1.0.0')) });
    expect(response.status).toBe(201);
    const modules = (await (await ask(registry, 'http://registry.test/-/ply/v1/modules')).json()) as { modules: Array<{ name: string }> };
    expect(modules.modules.map((module) => module.name)).toEqual(['@acme/plugin-echo']);
  });

  it('gives a seeded library no owner, so not even a member of its scope publishes over it', async () => {
    const storage = mkdtempSync(join(tmpdir(), 'ply-seed-'));
    await seedPackages(storage, [library('@ply/core', '0.1.0', [])]);
    const registry = createRegistry({ storage });
    await registry.accounts.users.add('ply', PASSWORD);
    const { token } = registry.accounts.tokens.create({ user: 'ply', role: 'publish', createdBy: 'cli' });
    expect(registry.storage.packument('@ply/core')!.maintainers).toEqual([]);
    const tarball = await fixtureTarball({ name: '@ply/core', version: '0.2.0' });
    const response = await ask(registry, 'http://registry.test/@ply%2fcore', { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(publishBody(tarball, '@ply/core', '0.2.0')) });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'PLY_REGISTRY_NOT_OWNER' });
    expect(Object.keys(registry.storage.packument('@ply/core')!.versions)).toEqual(['0.1.0']);
  });
});
