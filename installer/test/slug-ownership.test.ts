import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLY_CORE_VERSION } from '@ply/core';
import { plyErrorOf } from '@ply/kit/testing';
import { ModuleInstaller } from '../src/module-installer.js';
import { moduleEntries, type FixtureOptions } from './module-fixture.js';
import { rawTarball } from './tar-builder.js';

/** Issue #21 item 4: a package declaring another installed package's module slug used to replace it silently. */
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

const installer = () => new ModuleInstaller({ home, coreVersion: PLY_CORE_VERSION });

function packageFile(options: FixtureOptions): string {
  const path = join(work, `${(options.name ?? 'x').replace(/[@/]/g, '_')}-${options.version ?? '1.0.0'}.tgz`);
  writeFileSync(path, rawTarball(moduleEntries(options)));
  return path;
}

describe('module slug ownership', () => {
  it('refuses a package whose module slug belongs to another installed package, and leaves the installed one active', async () => {
    await installer().installFile(packageFile({ name: '@ply/plugin-mattermost', slug: 'mattermost' }));
    const error = await plyErrorOf(installer().installFile(packageFile({ name: 'handy-helpers2', slug: 'mattermost', version: '9.0.0' })));
    expect(error.code).toBe('PLY_SLUG_TAKEN');
    expect(error.message).toContain('the module slug "mattermost", which belongs to @ply/plugin-mattermost');
    expect(error.message).toContain('--replace @ply/plugin-mattermost');
    expect(installer().list()).toEqual([{ slug: 'mattermost', name: '@ply/plugin-mattermost', active: '1.0.0', versions: ['1.0.0'] }]);
  });

  it('replaces the other package when the admin names it with replace', async () => {
    await installer().installFile(packageFile({ name: '@ply/plugin-mattermost', slug: 'mattermost' }));
    const wrongName = await plyErrorOf(installer().installFile(packageFile({ name: 'handy-helpers2', slug: 'mattermost', version: '9.0.0' }), { replace: 'someone-else' }));
    expect(wrongName.code).toBe('PLY_SLUG_TAKEN');
    const outcome = await installer().installFile(packageFile({ name: 'handy-helpers2', slug: 'mattermost', version: '9.0.0' }), { replace: '@ply/plugin-mattermost' });
    expect(outcome).toMatchObject({ name: 'handy-helpers2', slug: 'mattermost', version: '9.0.0', status: 'installed' });
    // The replaced package's versions are gone: nothing of it can be rolled back to by mistake.
    expect(installer().list()).toEqual([{ slug: 'mattermost', name: 'handy-helpers2', active: '9.0.0', versions: ['9.0.0'] }]);
  });

  it('still installs a new version of the package that holds the slug', async () => {
    await installer().installFile(packageFile({ name: '@ply/plugin-mattermost', slug: 'mattermost' }));
    const outcome = await installer().installFile(packageFile({ name: '@ply/plugin-mattermost', slug: 'mattermost', version: '1.1.0' }));
    expect(outcome).toMatchObject({ status: 'installed', previous: '1.0.0' });
  });
});
