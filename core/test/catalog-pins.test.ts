import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestPly, fixturePlugin, plyErrorOf, writeFixtureModule } from '@ply/kit/testing';

const CONFIG = { token: 'tok-9f8e7d6c5b4a' };

/** A kernel with the fixture module at 1.0.0 (runnable) and a copy of its folder at 1.0.1 (runnable too). */
function twoVersions() {
  const first = writeFixtureModule();
  const second = join(mkdtempSync(join(tmpdir(), 'ply-pin-')), 'fixture');
  cpSync(first, second, { recursive: true });
  const manifest = join(second, 'manifest.json');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"version": "1.0.0"', '"version": "1.0.1"'));
  const { ply } = createTestPly({ plugins: [{ moduleDir: first, plugin: fixturePlugin }, { moduleDir: second, plugin: fixturePlugin }] });
  return { ply, first, second };
}

describe('module pins (what a cluster lets a process run)', () => {
  it('runs the highest version when the slug is not pinned', async () => {
    const { ply } = twoVersions();
    const result = await ply.run({ action: 'fixture.echo', arguments: { text: 'x' }, configuration: CONFIG });
    expect(result.module.version).toBe('1.0.1');
  });

  it('runs only the pinned folder, although a higher version is loaded', async () => {
    const { ply, first } = twoVersions();
    ply.catalog.pin('fixture', { version: '1.0.0', dir: first });
    const result = await ply.run({ action: 'fixture.echo', arguments: { text: 'x' }, configuration: CONFIG });
    expect(result.module.version).toBe('1.0.0');
    expect(ply.catalog.modules().find((m) => m.manifest.slug === 'fixture')?.dir).toBe(first);
  });

  it('refuses a run by slug or by uuid with the reason of a refused pin, never running another version', async () => {
    const { ply } = twoVersions();
    ply.catalog.pin('fixture', { refused: 'fixture@2.0.0 (sha512-abc) could not be fetched from http://127.0.0.1:1: connection refused' });
    for (const action of ['fixture.echo', '3f7b7a5e-0c5e-4c57-9d7e-000000000002']) {
      const error = await plyErrorOf(ply.run({ action, arguments: { text: 'x' }, configuration: CONFIG }));
      expect(error.code).toBe('PLY_MODULE_UNAVAILABLE');
      expect(error.status).toBe(503);
      expect(error.message).toContain('module "fixture" cannot run on this process: fixture@2.0.0 (sha512-abc) could not be fetched');
    }
  });

  it('refuses a pin whose folder is not loaded, naming the recorded version', async () => {
    const { ply } = twoVersions();
    ply.catalog.pin('fixture', { version: '3.0.0', dir: '/nowhere/fixture' });
    const error = await plyErrorOf(ply.run({ action: 'fixture.echo', arguments: { text: 'x' }, configuration: CONFIG }));
    expect(error.code).toBe('PLY_MODULE_UNAVAILABLE');
    expect(error.message).toContain('the cluster runs fixture@3.0.0, which is not loaded here');
  });

  it('runs the highest version again once unpinned', async () => {
    const { ply, first } = twoVersions();
    ply.catalog.pin('fixture', { version: '1.0.0', dir: first });
    ply.catalog.unpin('fixture');
    const result = await ply.run({ action: 'fixture.echo', arguments: { text: 'x' }, configuration: CONFIG });
    expect(result.module.version).toBe('1.0.1');
  });
});
