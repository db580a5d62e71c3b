import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModuleInstaller } from '../src/module-installer.js';
import { Ply } from '@ply/core';
import { PLY_CORE_VERSION } from '@ply/core';
import { FakeRegistry, type FakeVersion } from './fake-registry.js';
import { moduleEntries, type FixtureOptions } from './module-fixture.js';
import { rawTarball } from './tar-builder.js';
import { plyErrorOf } from '@ply/kit/testing';
import { modulesLeft } from './modules-left.js';

const NAME = '@test/plugin-echo';
let home: string;
let registry: FakeRegistry;

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'ply-home-'));
  registry = await new FakeRegistry().start();
});
afterEach(async () => {
  await registry.server.close();
  rmSync(home, { recursive: true, force: true });
});

function publish(options: FixtureOptions & Partial<FakeVersion> = {}): FakeVersion {
  const version: FakeVersion = { name: NAME, version: options.version ?? '1.0.0', tarball: rawTarball(moduleEntries(options)), engines: options.engines ?? '>=0.1.0', ...options };
  registry.versions.push(version);
  return version;
}

function installer(): ModuleInstaller {
  return new ModuleInstaller({ home, coreVersion: PLY_CORE_VERSION, registry: registry.server.url });
}



describe('installing from a registry', () => {
  it('verifies integrity and signature, installs atomically, trusts the key on first use, and the module runs', async () => {
    publish();
    const outcome = await installer().install(NAME);
    expect(outcome).toMatchObject({ name: NAME, slug: 'echo', version: '1.0.0', status: 'installed' });
    const trusted = JSON.parse(readFileSync(join(home, 'trusted-keys.json'), 'utf8')) as Record<string, unknown[]>;
    expect(Object.keys(trusted)).toEqual([registry.server.url]);
    const ply = new Ply({ settings: { home } });
    ply.discover();
    const run = await ply.run({ action: 'echo.echo', arguments: { message: 'hi' }, configuration: {} });
    expect(run.results).toEqual({ message: 'hi' });
  });

  it('picks the highest version whose engines.ply accepts this core', async () => {
    publish({ version: '1.0.0' });
    publish({ version: '1.2.0' });
    publish({ version: '2.0.0', engines: '>=99.0.0' });
    expect((await installer().install(NAME)).version).toBe('1.2.0');
    expect((await installer().install(`${NAME}@~1.0.0`)).version).toBe('1.0.0');
    const error = await plyErrorOf(installer().install(`${NAME}@2`));
    expect(error.code).toBe('PLY_ENGINE_MISMATCH');
  });

  it('refuses an integrity mismatch and leaves nothing', async () => {
    publish({ integrity: `sha512-${Buffer.alloc(64).toString('base64')}` });
    expect((await plyErrorOf(installer().install(NAME))).code).toBe('PLY_INTEGRITY_MISMATCH');
    expect(modulesLeft(home)).toEqual([]);
  });

  it('refuses a package with no signature', async () => {
    publish({ signature: 'none' });
    const error = await plyErrorOf(installer().install(NAME));
    expect(error.code).toBe('PLY_SIGNATURE_INVALID');
    expect(error.message).toMatch(/no registry signature/);
    expect(modulesLeft(home)).toEqual([]);
  });

  it('refuses a signature that does not verify with the registry key', async () => {
    publish({ signature: 'other-key' });
    const error = await plyErrorOf(installer().install(NAME));
    expect(error.code).toBe('PLY_SIGNATURE_INVALID');
    expect(error.message).toMatch(/does not verify/);
    expect(modulesLeft(home)).toEqual([]);
  });

  it('refuses packages re-signed by a new key once the first key is trusted', async () => {
    publish({ version: '1.0.0' });
    await installer().install(NAME);
    registry.rotateKey();
    publish({ version: '1.1.0' });
    const error = await plyErrorOf(installer().install(`${NAME}@1.1.0`));
    expect(error.code).toBe('PLY_SIGNATURE_INVALID');
    expect(error.message).toMatch(/does not trust/);
    expect(readdirSync(join(home, 'modules', 'echo')).sort()).toEqual(['1.0.0', 'active']);
  });

  it('leaves nothing when the download is cut off half way', async () => {
    const version = publish();
    version.cutAfter = Math.floor(version.tarball.byteLength / 2);
    const error = await plyErrorOf(installer().install(NAME));
    expect(error.code).toBe('PLY_REGISTRY_ERROR');
    expect(error.message).toMatch(/cut off/);
    expect(modulesLeft(home)).toEqual([]);
  });

  it('ends two concurrent installs of one module with one installed, loadable version', async () => {
    publish();
    const outcomes = await Promise.all([installer().install(NAME), installer().install(NAME), installer().install(NAME)]);
    expect(outcomes.filter((o) => o.status === 'installed')).toHaveLength(1);
    expect(outcomes.every((o) => o.status === 'installed' || o.status === 'already-installed')).toBe(true);
    expect(modulesLeft(home)).toEqual(['echo']);
    expect(readdirSync(join(home, 'modules', 'echo')).sort()).toEqual(['1.0.0', 'active']);
    const ply = new Ply({ settings: { home } });
    expect(ply.discover().errors).toEqual([]);
    expect(ply.catalog.module('echo').manifest.version).toBe('1.0.0');
  });
});

describe('upgrade and rollback', () => {
  const v2Arguments = { type: 'object', properties: { text: { type: 'string' }, channel: { type: 'string' } }, required: ['text', 'channel'] };

  it('reports breaking argument changes per action, and --safe refuses the upgrade', async () => {
    publish({ version: '1.0.0' });
    await installer().install(NAME);
    publish({ version: '2.0.0', argumentsSchema: v2Arguments });
    const [refused] = await installer().upgrade('echo', { safe: true });
    expect(refused).toMatchObject({ status: 'refused', version: '2.0.0', previous: '1.0.0' });
    expect(refused!.breaking.map((c) => [c.action, c.kind, c.argument])).toEqual([
      ['echo', 'argument-renamed', 'message'],
      ['echo', 'required-added', 'text'],
      ['echo', 'required-added', 'channel'],
    ]);
    expect(readdirSync(join(home, 'modules', 'echo')).sort()).toEqual(['1.0.0', 'active']);

    const [upgraded] = await installer().upgrade('echo');
    expect(upgraded).toMatchObject({ status: 'installed', version: '2.0.0', previous: '1.0.0' });
    expect(upgraded!.breaking).toHaveLength(3);
  });

  it('rolls back to the previous version, and the runtime catalog follows the active marker', async () => {
    publish({ version: '1.0.0' });
    publish({ version: '1.1.0' });
    await installer().install(`${NAME}@1.0.0`);
    const [upgraded] = await installer().upgrade(NAME);
    expect(upgraded).toMatchObject({ status: 'installed', version: '1.1.0', breaking: [] });
    const active = () => {
      const ply = new Ply({ settings: { home } });
      ply.discover();
      return ply.catalog.module('echo').manifest.version;
    };
    expect(active()).toBe('1.1.0');
    expect(installer().rollback('echo')).toEqual({ slug: 'echo', from: '1.1.0', to: '1.0.0' });
    expect(active()).toBe('1.0.0');
    expect(installer().list()).toEqual([{ slug: 'echo', name: NAME, active: '1.0.0', versions: ['1.1.0', '1.0.0'] }]);
    expect((await installer().upgrade('echo'))[0]).toMatchObject({ status: 'activated', version: '1.1.0' });
    expect(active()).toBe('1.1.0');
    await expect(Promise.resolve().then(() => installer().rollback('echo'))).resolves.toMatchObject({ to: '1.0.0' });
    expect(() => installer().rollback('echo')).toThrow(/no version installed below 1.0.0/);
  });

  it('uninstalls one version or the whole module', async () => {
    publish({ version: '1.0.0' });
    publish({ version: '1.1.0' });
    await installer().install(`${NAME}@1.0.0`);
    await installer().install(NAME);
    expect(installer().uninstall('echo', '1.1.0')).toEqual({ slug: 'echo', removed: ['1.1.0'], active: '1.0.0' });
    expect(installer().uninstall(NAME)).toEqual({ slug: 'echo', removed: ['1.0.0'] });
    expect(modulesLeft(home)).toEqual([]);
  });
});
