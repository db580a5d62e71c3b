import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PLY_CORE_VERSION } from '@ply/core';
import { lintModule } from '../lint/module-linter.js';
import { scaffoldPlugin, scaffoldValues } from './plugin-scaffold.js';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Stands in for `npm install` (no registry in tests): links the scaffold's dependencies to the
 * copies this checkout already has. @ply/core and @ply/kit resolve to their built dist/, as it would from npm.
 */
function linkDependencies(dir: string): void {
  const links: Record<string, string> = {
    '@ply/core': join(REPO, 'core'),
    '@ply/kit': join(REPO, 'kit'),
    zod: realpathSync(join(REPO, 'core/node_modules/zod')),
    hono: realpathSync(join(REPO, 'kit/node_modules/hono')),
    '@types/node': realpathSync(join(REPO, 'node_modules/@types/node')),
    typescript: realpathSync(join(REPO, 'node_modules/typescript')),
    vitest: realpathSync(join(REPO, 'node_modules/vitest')),
  };
  for (const [name, target] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(target, join(dir, 'node_modules', name), 'dir');
  }
}

describe('plugin scaffold (ply plugin new)', () => {
  it('scaffolds a package outside the workspace that builds, lints clean and passes its own tests unchanged', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ply-scaffold-')), 'acme-edr');
    const { files } = scaffoldPlugin('acme-edr', { dir });
    expect(files).toEqual(
      expect.arrayContaining(['.gitignore', 'package.json', 'src/index.ts', 'src/module.ts', 'src/get-item.action.ts', 'test/get-item.test.ts', 'module/manifest.json', 'README.md', 'CHANGELOG.md', 'tsconfig.build.json']),
    );
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(pkg).toMatchObject({ version: '0.1.0', engines: { ply: expect.stringContaining(`>=`) }, ply: { module: 'module' }, dependencies: { '@ply/core': `^${PLY_CORE_VERSION}` } });
    expect(readFileSync(join(dir, 'src/get-item.action.ts'), 'utf8')).toContain("docker_parameters: 'acme_edr_get_item'");
    expect(readFileSync(join(dir, 'src/module.ts'), 'utf8')).toContain('export const acmeEdr = defineModule({');
    expect(readFileSync(join(dir, '.gitignore'), 'utf8').split('\n')).toContain('*.tgz');

    linkDependencies(dir);
    await run(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: dir });
    expect(existsSync(join(dir, 'dist/index.js'))).toBe(true);

    const lint = await lintModule(dir, { coreVersion: PLY_CORE_VERSION });
    expect(lint.kind).toBe('plugin');
    expect(lint.findings).toEqual([]);

    const tests = await run(process.execPath, [join(dir, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir], { cwd: dir, env: { ...process.env, CI: '1', NO_COLOR: '1' } });
    expect(tests.stdout).toMatch(/Tests\s+4 passed \(4\)/);
  }, 120_000);

  it('depends on the workspace core when scaffolded into a checkout\'s plugins/ folder', () => {
    const values = scaffoldValues('acme', join(REPO, 'plugins', 'acme'), { workspaceRoot: REPO });
    expect(values['__CORE_DEPENDENCY__']).toBe('workspace:^');
    expect(values['__PACKAGE__']).toBe('@ply/plugin-acme');
    expect(values['__MODULE_UUID__']).not.toBe(values['__ACTION_UUID__']);
  });

  it('refuses a bad slug and a non-empty folder, and leaves no temp folder behind', () => {
    const parent = mkdtempSync(join(tmpdir(), 'ply-scaffold-'));
    expect(() => scaffoldPlugin('Acme EDR', { dir: join(parent, 'x') })).toThrow(/not a module slug/);
    mkdirSync(join(parent, 'taken'));
    writeFileSync(join(parent, 'taken', 'keep.txt'), 'mine');
    expect(() => scaffoldPlugin('taken', { dir: join(parent, 'taken') })).toThrow(/not empty/);
    expect(readdirSync(parent)).toEqual(['taken']);
  });
});
