import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import typescript from 'typescript';
import { describe, expect, it } from 'vitest';
import { startVitest } from 'vitest/node';
import { PLY_CORE_VERSION } from '@ply/core';
import { lintModule } from '../lint/module-linter.js';
import type { AuthorToolchain } from '../toolchain/author-toolchain.js';
import { buildPlugin } from '../toolchain/plugin-build.js';
import { scaffoldPlugin } from './plugin-scaffold.js';
import { linkPluginDependencies } from '../../test/linked-plugin.js';
import { scaffoldValues } from './scaffold-values.js';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);

/** The checkout's TypeScript, vitest and @types/node, as the CLI provides its own. */
const toolchain: AuthorToolchain = { typescript, typesRoot: join(REPO, 'node_modules/@types'), vitestTypes: join(dirname(require.resolve('vitest/package.json')), 'dist/index.d.ts'), startVitest };

describe('plugin scaffold (ply plugin new)', () => {
  it('scaffolds a standalone typed module that builds with the provided toolchain, lints clean and passes its own tests unchanged', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ply-scaffold-')), 'acme-edr');
    const { files, place, next } = scaffoldPlugin('acme-edr', { dir });
    expect(place).toBe('standalone');
    expect(files).toEqual(
      expect.arrayContaining(['.gitignore', 'package.json', 'src/index.ts', 'src/module.ts', 'src/get-item.action.ts', 'test/get-item.test.ts', 'module/manifest.json', 'README.md', 'CHANGELOG.md', 'tsconfig.json', 'tsconfig.build.json']),
    );
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(pkg).toMatchObject({ version: '0.1.0', engines: { ply: expect.stringContaining(`>=`) }, ply: { module: 'module' }, scripts: { build: 'ply build', test: 'ply test' } });
    expect(Object.keys(pkg['dependencies']!).sort()).toEqual(['@ply/core', 'zod']);
    expect(Object.keys(pkg['devDependencies']!).sort()).toEqual(['@ply/kit', 'hono']);
    expect(pkg['dependencies']!['@ply/core']).toBe(`^${PLY_CORE_VERSION}`);
    expect(readFileSync(join(dir, 'src/module.ts'), 'utf8')).toContain('export const acmeEdr = defineModule({');
    expect(readFileSync(join(dir, 'src/get-item.action.ts'), 'utf8')).toContain("docker_parameters: 'acme_edr_get_item'");
    expect(readFileSync(join(dir, '.gitignore'), 'utf8').split('\n')).toContain('*.tgz');
    expect(next.map((step) => step.command)).toEqual(expect.arrayContaining(['npm install', 'npm run build', 'npm test', 'ply lint .']));
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('npm run build');

    linkPluginDependencies(dir);
    const built = await buildPlugin(dir, toolchain);
    expect(built.emitted).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/module.js']));
    // The committed JSON of the template is what the definitions generate.
    expect(built.module).toMatchObject({ changed: [], stale: [] });
    expect(existsSync(join(dir, 'dist/get-item.action.js'))).toBe(true);

    const lint = await lintModule(dir, { coreVersion: PLY_CORE_VERSION });
    expect(lint.kind).toBe('plugin');
    expect(lint.findings).toEqual([]);

    const tests = await run(process.execPath, [join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir], { cwd: dir, env: { ...process.env, CI: '1', NO_COLOR: '1' } });
    expect(tests.stdout).toMatch(/Tests\s+4 passed \(4\)/);
  }, 120_000);

  it("type-checks the plugin's tests too: a type error in test/ fails the build and writes nothing", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ply-scaffold-')), 'acme-typo');
    scaffoldPlugin('acme-typo', { dir });
    linkPluginDependencies(dir);
    const test = join(dir, 'test/get-item.test.ts');
    writeFileSync(test, readFileSync(test, 'utf8').replace("arguments: { item_uid: 'item-1' }, configuration", "arguments: { item_uid: 'item-1' }, configuratoin"));
    await expect(buildPlugin(dir, toolchain)).rejects.toMatchObject({ code: 'PLY_TYPECHECK_FAILED', message: expect.stringMatching(/test\/get-item\.test\.ts:\d+:\d+: TS2561: .*configuratoin/) });
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  }, 60_000);

  it('scaffolds a workspace package in a checkout, and says the checkout\'s commands', () => {
    const root = mkdtempSync(join(tmpdir(), 'ply-checkout-'));
    mkdirSync(join(root, 'plugins'));
    const { place, files, next, dir } = scaffoldPlugin('acme', { workspaceRoot: root });
    expect(place).toBe('workspace');
    expect(dir).toBe(join(root, 'plugins/acme'));
    expect(files).not.toContain('tsconfig.json');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(pkg).toMatchObject({ name: '@ply/plugin-acme', dependencies: { '@ply/core': 'workspace:^' }, devDependencies: { '@ply/kit': 'workspace:^' }, scripts: { build: 'tsc -b tsconfig.build.json' } });
    expect(readFileSync(join(dir, 'tsconfig.build.json'), 'utf8')).toContain('../../tsconfig.base.json');
    expect(next.map((step) => step.command)).toEqual(expect.arrayContaining(['pnpm install && pnpm build', 'pnpm ply manifest build plugins/acme', 'pnpm vitest run plugins/acme', 'pnpm ply lint plugins/acme']));
    const values = scaffoldValues('acme', join(root, 'plugins', 'other'), { workspaceRoot: root });
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
