import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverWorkspacePlugins } from '../src/catalog/module-discovery.js';

/** A checkout whose one plugin's action file is not JSON. */
function brokenWorkspace(): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'ply-discovery-'));
  const dir = join(root, 'plugins', 'broken');
  mkdirSync(join(dir, 'module'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@test/plugin-broken', version: '1.0.0', ply: {} }));
  writeFileSync(join(dir, 'module', 'manifest.json'), JSON.stringify({ uuid: '5c0ffee0-0000-4000-8000-000000000009', slug: 'broken', name: 'Broken', description: 'd', version: '1.0.0' }));
  writeFileSync(join(dir, 'module', 'action_act.json'), '{ "uuid": ');
  return { root, file: join(dir, 'module', 'action_act.json') };
}

describe('workspace discovery', () => {
  it('by default reads every item file: a module with an invalid one is reported, not loaded', () => {
    const { root, file } = brokenWorkspace();
    const report = discoverWorkspacePlugins(root, '0.1.0');
    expect(report.modules).toEqual([]);
    expect(report.errors.map(({ error }) => [error.code, error.message])).toEqual([['PLY_MANIFEST_INVALID', `${file}:/: invalid JSON: Unexpected end of JSON input`]]);
  });

  it('with lazyItems, loads the module from its manifest and reports the file when its items are first read', () => {
    const { root, file } = brokenWorkspace();
    const report = discoverWorkspacePlugins(root, '0.1.0', { lazyItems: true });
    expect(report.errors).toEqual([]);
    const [module] = report.modules;
    expect(module!.manifest.slug).toBe('broken');
    expect(module!.items).toEqual([]);
    expect(module!.itemsError!.message).toBe(`${file}:/: invalid JSON: Unexpected end of JSON input`);
  });

  it('follows a plugin folder linked into plugins/, and skips a broken link', () => {
    const { root } = brokenWorkspace();
    const elsewhere = mkdtempSync(join(tmpdir(), 'ply-linked-'));
    mkdirSync(join(elsewhere, 'module'));
    writeFileSync(join(elsewhere, 'package.json'), JSON.stringify({ name: '@test/plugin-linked', version: '1.0.0', ply: {} }));
    writeFileSync(join(elsewhere, 'module', 'manifest.json'), JSON.stringify({ uuid: '5c0ffee0-0000-4000-8000-00000000000a', slug: 'linked', name: 'Linked', description: 'd', version: '1.0.0' }));
    symlinkSync(elsewhere, join(root, 'plugins', 'linked'));
    symlinkSync(join(root, 'missing'), join(root, 'plugins', 'dangling'));
    const report = discoverWorkspacePlugins(root, '0.1.0', { lazyItems: true });
    expect(report.modules.map((module) => [module.manifest.slug, module.dir])).toEqual([
      ['broken', join(root, 'plugins', 'broken', 'module')],
      ['linked', join(root, 'plugins', 'linked', 'module')],
    ]);
    expect(report.errors).toEqual([]);
  });
});
