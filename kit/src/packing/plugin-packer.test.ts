import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPackageTarball } from '@ply/installer/package-format';
import { linkedScaffold } from '../../test/linked-plugin.js';
import { packPlugin } from './plugin-packer.js';
import { providedZodVersion } from './provided-zod.js';

describe('ply pack', () => {
  it('bundles the plugin with @ply/core and zod left external (the running core provides both)', async () => {
    const dir = linkedScaffold('acme-pack');
    const packed = await packPlugin(dir, mkdtempSync(join(tmpdir(), 'ply-packed-')));
    const files = await readPackageTarball(readFileSync(packed.file));
    const bundle = files.get('dist/index.js')!.toString('utf8');
    expect(bundle).toMatch(/from\s*"zod"/);
    expect(bundle).toMatch(/from\s*"@ply\/core"/);
    // zod's own code (its error map, its JSON Schema converter) is not in it: a few KB, not 460.
    expect(bundle).not.toContain('toJSONSchema');
    expect(bundle.length).toBeLessThan(8 * 1024);
    expect(JSON.parse(files.get('package.json')!.toString('utf8'))).toMatchObject({ name: '@ply/plugin-acme-pack', main: './dist/index.js', ply: { module: 'module', slug: 'acme-pack' } });
  });

  it('refuses a plugin whose zod range the provided zod does not satisfy, and names both', async () => {
    const dir = linkedScaffold('acme-zod');
    const file = join(dir, 'package.json');
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { dependencies: Record<string, string> };
    pkg.dependencies['zod'] = '^5.1.0';
    writeFileSync(file, JSON.stringify(pkg));
    await expect(packPlugin(dir, mkdtempSync(join(tmpdir(), 'ply-packed-')))).rejects.toMatchObject({
      code: 'PLY_MANIFEST_INVALID',
      message: expect.stringContaining(`depends on zod ^5.1.0, but plugins run with the zod of the Ply core, ${providedZodVersion()}`),
    });
  });
});
