import { existsSync, mkdirSync, mkdtempSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureCoreLink } from '../src/core-link.js';

/** A core folder as the bundle step leaves it: a package.json, and `dist/zod/` unless `withZod` is false. */
function fakeCore(marker: string, withZod = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'ply-core-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@ply/core', version: '0.1.0', type: 'module', exports: { '.': './index.js' } }));
  writeFileSync(join(dir, 'index.js'), `export const core = '${marker}';\n`);
  if (withZod) {
    mkdirSync(join(dir, 'dist/zod'), { recursive: true });
    writeFileSync(join(dir, 'dist/zod/package.json'), JSON.stringify({ name: 'zod', version: '4.6.7', type: 'module', exports: { '.': './index.js' } }));
    writeFileSync(join(dir, 'dist/zod/index.js'), `export const zod = '${marker}';\n`);
  }
  return dir;
}

/** An installed plugin bundle importing both externals, as `ply pack` leaves them. */
function installedBundle(home: string, version: string): string {
  const file = join(home, 'modules/acme', version, 'dist/index.js');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, "import { core } from '@ply/core';\nimport { zod } from 'zod';\nexport default { core, zod };\n");
  return pathToFileURL(file).href;
}

describe("the links that give installed plugins the running core and its zod", () => {
  it('makes @ply/core and zod resolvable from an installed bundle, to the running core and its dist/zod', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ply-home-'));
    const core = fakeCore('first');
    ensureCoreLink(home, core);
    expect(readlinkSync(join(home, 'node_modules/zod'))).toBe(join(core, 'dist/zod'));
    const loaded = (await import(installedBundle(home, '1.0.0'))) as { default: { core: string; zod: string } };
    expect(loaded.default).toEqual({ core: 'first', zod: 'first' });
  });

  it('re-points both links when the core moved', () => {
    const home = mkdtempSync(join(tmpdir(), 'ply-home-'));
    ensureCoreLink(home, fakeCore('old'));
    const moved = fakeCore('new');
    ensureCoreLink(home, moved);
    expect(readlinkSync(join(home, 'node_modules/@ply/core'))).toBe(moved);
    expect(readlinkSync(join(home, 'node_modules/zod'))).toBe(join(moved, 'dist/zod'));
  });

  it('links no zod for a core without the bundled one (run from its sources)', () => {
    const home = mkdtempSync(join(tmpdir(), 'ply-home-'));
    ensureCoreLink(home, fakeCore('sources', false));
    expect(existsSync(join(home, 'node_modules/@ply/core'))).toBe(true);
    expect(existsSync(join(home, 'node_modules/zod'))).toBe(false);
  });
});
