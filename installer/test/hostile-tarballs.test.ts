import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModuleInstaller } from '../src/module-installer.js';
import type { TarballLimits } from '../src/tarball-limits.js';
import { PLY_CORE_VERSION } from '@ply/core';
import { moduleEntries } from './module-fixture.js';
import { rawTarball, type RawEntry } from './tar-builder.js';
import { modulesLeft } from './modules-left.js';
import { plyErrorOf } from '@ply/kit/testing';

let home: string;
let work: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ply-home-'));
  work = mkdtempSync(join(tmpdir(), 'ply-work-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

function installer(limits: Partial<TarballLimits> = {}) {
  return new ModuleInstaller({ home, coreVersion: PLY_CORE_VERSION, limits });
}

function file(entries: RawEntry[]): string {
  const path = join(work, 'package.tgz');
  writeFileSync(path, rawTarball(entries));
  return path;
}

describe('installing a hostile tarball', () => {
  const cases: Array<[string, RawEntry[], Partial<TarballLimits>, RegExp]> = [
    ['an absolute path', [...moduleEntries(), { path: '/tmp/ply-evil.txt', data: 'x' }], {}, /absolute path/],
    ['a ".." path', [...moduleEntries(), { path: 'package/../../evil.txt', data: 'x' }], {}, /climbs out/],
    ['a symbolic link', [...moduleEntries(), { path: 'package/link', type: '2', linkname: '/etc/passwd' }], {}, /SymbolicLink/],
    ['a hard link', [...moduleEntries(), { path: 'package/hard', type: '1', linkname: 'package/package.json' }], {}, /Link/],
    ['a character device', [...moduleEntries(), { path: 'package/dev', type: '3' }], {}, /CharacterDevice/],
    ['a FIFO', [...moduleEntries(), { path: 'package/fifo', type: '6' }], {}, /FIFO/],
    ['a file over the per-file limit', [...moduleEntries(), { path: 'package/big.bin', data: Buffer.alloc(5000) }], { maxFileBytes: 4000 }, /per-file limit/],
    ['files over the total limit', [...moduleEntries(), ...[1, 2, 3].map((i) => ({ path: `package/part${i}.bin`, data: Buffer.alloc(3000) }))], { maxTotalBytes: 8000 }, /total size limit|more than 8000/],
    ['too many entries', [...moduleEntries(), ...Array.from({ length: 10 }, (_, i) => ({ path: `package/f${i}.txt`, data: 'x' }))], { maxEntries: 8 }, /more than 8 entries/],
  ];
  for (const [what, entries, limits, message] of cases) {
    it(`refuses ${what} and leaves nothing in $PLY_HOME/modules`, async () => {
      const error = await plyErrorOf(installer(limits).install(file(entries)));
      expect(error.code).toBe('PLY_PACKAGE_REJECTED');
      expect(error.message).toMatch(message);
      expect(modulesLeft(home)).toEqual([]);
      expect(existsSync('/tmp/ply-evil.txt')).toBe(false);
    });
  }

  it('refuses a gzip bomb before it fills memory', async () => {
    const bomb = [...moduleEntries(), { path: 'package/zeros.bin', data: Buffer.alloc(4 * 1024 * 1024) }];
    const error = await plyErrorOf(installer({ maxTotalBytes: 256 * 1024 }).install(file(bomb)));
    expect(error.message).toMatch(/total size limit/);
    expect(modulesLeft(home)).toEqual([]);
  });

  it('refuses a header that announces more bytes than the archive holds', async () => {
    const lying = [...moduleEntries(), { path: 'package/short.txt', data: 'abc', declaredSize: 100_000 }];
    const error = await plyErrorOf(installer().install(file(lying)));
    expect(error.code).toBe('PLY_PACKAGE_REJECTED');
    expect(modulesLeft(home)).toEqual([]);
  });

  it('refuses a manifest that does not load, naming the problem', async () => {
    const entries = moduleEntries().map((e) => (e.path === 'package/module/manifest.json' ? { ...e, data: '{"slug": "echo", ' } : e));
    const error = await plyErrorOf(installer().install(file(entries)));
    expect(error.code).toBe('PLY_PACKAGE_REJECTED');
    expect(error.message).toMatch(/does not hold a module that loads/);
    expect(modulesLeft(home)).toEqual([]);
  });

  it('refuses a package whose engines.ply excludes this core', async () => {
    const error = await plyErrorOf(installer().install(file(moduleEntries({ engines: '>=99.0.0' }))));
    expect(error.code).toBe('PLY_ENGINE_MISMATCH');
    expect(modulesLeft(home)).toEqual([]);
  });

  it('refuses a package.json version that differs from manifest.json', async () => {
    const error = await plyErrorOf(installer().install(file(moduleEntries({ version: '1.0.1', manifestVersion: '1.0.0' }))));
    expect(error.message).toMatch(/differs from manifest.json/);
    expect(modulesLeft(home)).toEqual([]);
  });

  // The registry refuses the same slugs at publish, with the same rule (isModuleSlug).
  it.each(['..', '../../evil', 'a/b', '.hidden', 'x'.repeat(101)])('refuses the slug %s, which is not a folder name', async (slug) => {
    const error = await plyErrorOf(installer().install(file(moduleEntries({ slug }))));
    expect(error.code).toBe('PLY_PACKAGE_REJECTED');
    expect(modulesLeft(home)).toEqual([]);
  });

  it('installs the same package when it is well-formed (the cases above differ only by the hostile part)', async () => {
    const outcome = await installer().install(file(moduleEntries()));
    expect(outcome).toMatchObject({ slug: 'echo', version: '1.0.0', status: 'installed' });
    expect(readdirSync(join(home, 'modules')).sort()).toEqual(['echo']);
    expect(readdirSync(join(home, 'modules', 'echo')).sort()).toEqual(['1.0.0', 'active']);
  });
});
