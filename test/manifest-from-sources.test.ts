import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundlePlugin } from '@ply/kit';
import { linkedScaffold } from '../kit/test/linked-plugin.js';
import { runCli } from './cli-helpers.js';

/** Changes the example action's description in the TypeScript sources. */
function editSources(dir: string, description: string): void {
  const file = join(dir, 'src/get-item.action.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/description: 'Read one item from [^']*'/, `description: '${description}'`));
}

describe('ply manifest build|check read the TypeScript sources (built CLI)', () => {
  it('fails the drift check (exit 9) when the sources changed, even though a stale dist/ still matches the committed JSON', async () => {
    const dir = linkedScaffold('acme-drift');
    await bundlePlugin(join(dir, 'src/index.ts'), join(dir, 'dist/index.js'), { minify: false });
    expect((await runCli(['manifest', 'check', dir])).code).toBe(0);

    editSources(dir, 'Reads one item, by its uid');
    const drifted = await runCli(['--json', 'manifest', 'check', dir]);
    expect(drifted.code).toBe(9);
    expect(JSON.parse(drifted.stdout.slice(drifted.stdout.lastIndexOf('{\n  "error"')))).toMatchObject({ error: { code: 'PLY_MANIFEST_DRIFT', details: { plugins: [{ changed: ['action_get_item.json'], stale: [] }] } } });
  });

  it('writes the module JSON from the sources of a plugin that was never built, and leaves no bundle behind', async () => {
    const dir = linkedScaffold('acme-fresh');
    editSources(dir, 'Reads one item, by its uid');
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    expect((await runCli(['manifest', 'build', dir])).code).toBe(0);
    const action = JSON.parse(readFileSync(join(dir, 'module/action_get_item.json'), 'utf8')) as { description: string };
    expect(action.description).toBe('Reads one item, by its uid');
    expect((await runCli(['manifest', 'check', dir])).code).toBe(0);
    expect(readdirSync(join(dir, 'node_modules/.cache/ply'))).toEqual([]);
  });

  it('names the entry when the sources do not build (exit 4)', async () => {
    const dir = linkedScaffold('acme-broken');
    writeFileSync(join(dir, 'src/index.ts'), "import { nothing } from './missing.js';\nexport default nothing;\n");
    const failed = await runCli(['manifest', 'check', dir]);
    expect(failed.code).toBe(4);
    expect(failed.stderr).toContain('PLY_PLUGIN_LOAD_FAILED');
    expect(failed.stderr).toContain(join(dir, 'src/index.ts'));
    expect(failed.stderr).toContain('missing.js');
  });
});
