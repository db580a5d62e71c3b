import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestPly, fixturePlugin, plyErrorOf, writeFixtureModule } from '@ply/kit/testing';

const CONFIG = { token: 'tok-9f8e7d6c5b4a' };
const RUN = { action: 'fixture.echo', arguments: { text: 'x' }, configuration: CONFIG };

/** A copy of the fixture module's folder at another version. */
function fixtureAt(version: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ply-lookup-')), 'fixture');
  cpSync(writeFixtureModule(), dir, { recursive: true });
  const manifest = join(dir, 'manifest.json');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"version": "1.0.0"', `"version": "${version}"`));
  return dir;
}

// The catalog remembers what each reference found (every run looks its item up): these prove
// that any change to the catalog is seen by the next run, not answered from what was remembered.
describe('catalog lookups across changes', () => {
  it('runs a version added after a first run, by slug and by uuid', async () => {
    const { ply } = createTestPly({ plugins: [{ moduleDir: fixtureAt('1.0.0'), plugin: fixturePlugin }] });
    expect((await ply.run(RUN)).module.version).toBe('1.0.0');
    expect((await ply.run({ ...RUN, action: '3f7b7a5e-0c5e-4c57-9d7e-000000000002' })).module.version).toBe('1.0.0');
    ply.addPlugin(fixtureAt('1.2.0'), fixturePlugin);
    expect((await ply.run(RUN)).module.version).toBe('1.2.0');
    expect((await ply.run({ ...RUN, action: '3f7b7a5e-0c5e-4c57-9d7e-000000000002' })).module.version).toBe('1.2.0');
  });

  it('follows a pin and an unpin made after runs', async () => {
    const first = fixtureAt('1.0.0');
    const { ply } = createTestPly({ plugins: [{ moduleDir: first, plugin: fixturePlugin }, { moduleDir: fixtureAt('1.0.1'), plugin: fixturePlugin }] });
    expect((await ply.run(RUN)).module.version).toBe('1.0.1');
    ply.catalog.pin('fixture', { version: '1.0.0', dir: first });
    expect((await ply.run(RUN)).module.version).toBe('1.0.0');
    ply.catalog.pin('fixture', { refused: 'not fetched' });
    expect((await plyErrorOf(ply.run(RUN))).code).toBe('PLY_MODULE_UNAVAILABLE');
    ply.catalog.unpin('fixture');
    expect((await ply.run(RUN)).module.version).toBe('1.0.1');
  });

  it('refuses a module removed after a run', async () => {
    const { ply } = createTestPly({ plugins: [{ moduleDir: fixtureAt('1.0.0'), plugin: fixturePlugin }] });
    await ply.run(RUN);
    ply.catalog.remove('fixture');
    expect((await plyErrorOf(ply.run(RUN))).code).toBe('PLY_ACTION_NOT_FOUND');
  });

  it('answers a version range from the versions, not from the last lookup without one', async () => {
    const { ply } = createTestPly({ plugins: [{ moduleDir: fixtureAt('1.0.0'), plugin: fixturePlugin }, { moduleDir: fixtureAt('2.0.0'), plugin: fixturePlugin }] });
    expect((await ply.run(RUN)).module.version).toBe('2.0.0');
    expect((await ply.run({ ...RUN, version: '^1' })).module.version).toBe('1.0.0');
    expect((await ply.run(RUN)).module.version).toBe('2.0.0');
  });
});
