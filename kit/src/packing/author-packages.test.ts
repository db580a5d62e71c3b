import { describe, expect, it } from 'vitest';
import { PLY_CORE_VERSION } from '@ply/core';
import { readPackageTarball } from '@ply/installer/package-format';
import { authorPackages } from './author-packages.js';

// Packs the built core and kit (`pnpm build` first, as for the CLI tests).
describe('the packages a registry serves to plugin authors (ply registry serve seeds them)', () => {
  it('are @ply/core, @ply/kit and what they and the scaffold install, regular files only, each depending only on packages of the list', async () => {
    const packages = authorPackages();
    const names = packages.map((p) => p.name);
    expect(names).toEqual(['@ply/core', '@ply/kit', 'zod', 'hono', '@hono/node-server']);
    for (const entry of packages) {
      const packed = await entry.pack();
      expect(packed).toMatchObject({ name: entry.name, version: entry.version });
      // Regular files only (the installer's reader refuses links): npm extracts no hard-link entry,
      // and pnpm's store hard-links identical files.
      const files = await readPackageTarball(packed.tarball);
      expect(JSON.parse(files.get('package.json')!.toString('utf8'))).toMatchObject({ name: entry.name, version: entry.version });
      const manifest = JSON.parse(JSON.stringify(packed.packageJson)) as Record<string, Record<string, string> | undefined>;
      for (const [dependency, range] of Object.entries(manifest['dependencies'] ?? {})) {
        expect(names, `${entry.name} depends on ${dependency}`).toContain(dependency);
        expect(range).not.toMatch(/^workspace:/);
      }
      for (const peer of Object.keys(manifest['peerDependencies'] ?? {})) {
        const optional = (manifest['peerDependenciesMeta'] as unknown as Record<string, { optional?: boolean }> | undefined)?.[peer]?.optional;
        expect(names.includes(peer) || optional, `${entry.name}'s peer ${peer}`).toBe(true);
      }
    }
  }, 60_000);

  it('publish @ply/core as its bundle, declarations and provided zod, with exports a registry client can read', async () => {
    const core = authorPackages().find((p) => p.name === '@ply/core')!;
    const packed = await core.pack();
    const files = await readPackageTarball(packed.tarball);
    const paths = [...files.keys()];
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'dist/bundle/index.js', 'dist/index.d.ts', 'dist/zod/index.js', 'dist/zod/package.json', 'README.md']));
    expect(paths.filter((path) => path.startsWith('src/') || path.endsWith('.map') || path.endsWith('.tsbuildinfo') || path.endsWith('metafile.json'))).toEqual([]);
    const manifest = JSON.parse(files.get('package.json')!.toString('utf8')) as { version: string; exports: Record<string, Record<string, string>>; dependencies: Record<string, string>; scripts?: unknown; devDependencies?: unknown };
    expect(manifest.version).toBe(PLY_CORE_VERSION);
    expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/bundle/index.js' });
    expect(Object.keys(manifest.dependencies)).toEqual(['zod']);
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.devDependencies).toBeUndefined();
    for (const target of Object.values(manifest.exports).flatMap((conditions) => Object.values(conditions))) expect(paths).toContain(target.replace(/^\.\//, ''));
  }, 60_000);

  it('publish @ply/kit with its templates, and pack byte-identically twice', async () => {
    const kit = authorPackages().find((p) => p.name === '@ply/kit')!;
    const first = await kit.pack();
    const files = await readPackageTarball(first.tarball);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['dist/bundle/index.js', 'dist/bundle/testing.js', 'dist/testing/index.d.ts', 'templates/plugin/gitignore.tmpl', 'templates/plugin-standalone/package.json.tmpl']));
    const manifest = JSON.parse(files.get('package.json')!.toString('utf8')) as { dependencies: Record<string, string>; peerDependenciesMeta: Record<string, unknown> };
    expect(manifest.dependencies['@ply/core']).toBe(`^${PLY_CORE_VERSION}`);
    expect(manifest.peerDependenciesMeta).toEqual({ esbuild: { optional: true }, typescript: { optional: true }, vitest: { optional: true } });
    expect((await kit.pack()).integrity).toBe(first.integrity);
  }, 60_000);
});
