import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundlePlugin } from '@ply/kit';
import { plyErrorOf } from '@ply/kit/testing';
import { linkedScaffold } from '../../../test/linked-scaffold.js';
import type { Output } from '../output.js';
import { manifestCommand } from './manifest.command.js';

function quietOutput(): Output & { lines: string[] } {
  const lines: string[] = [];
  return { json: false, lines, out: (text) => void lines.push(text), err: (text) => void lines.push(text) };
}

/** Changes the example action's description in the TypeScript sources. */
function editSources(dir: string, description: string): void {
  const file = join(dir, 'src/get-item.action.ts');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/description: 'Read one item from [^']*'/, `description: '${description}'`));
}

describe('ply manifest build|check (from the TypeScript sources)', () => {
  it('fails the drift check when the sources changed, even though a stale dist/ still matches the committed JSON', async () => {
    const dir = linkedScaffold('acme-drift');
    await bundlePlugin(join(dir, 'src/index.ts'), join(dir, 'dist/index.js'), { minify: false });
    await expect(manifestCommand(quietOutput(), 'check', dir)).resolves.toBeUndefined();

    editSources(dir, 'Reads one item, by its uid');
    const failure = await plyErrorOf(manifestCommand(quietOutput(), 'check', dir));
    expect(failure.code).toBe('PLY_MANIFEST_DRIFT');
    expect(failure.details).toMatchObject({ plugins: [{ changed: ['action_get_item.json'], stale: [] }] });
  });

  it('writes the module JSON from the sources of a plugin that was never built, and leaves no bundle behind', async () => {
    const dir = linkedScaffold('acme-fresh');
    editSources(dir, 'Reads one item, by its uid');
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    await manifestCommand(quietOutput(), 'build', dir);
    const action = JSON.parse(readFileSync(join(dir, 'module/action_get_item.json'), 'utf8')) as { description: string };
    expect(action.description).toBe('Reads one item, by its uid');
    await expect(manifestCommand(quietOutput(), 'check', dir)).resolves.toBeUndefined();
    expect(readdirSync(join(dir, 'node_modules/.cache/ply'))).toEqual([]);
  });

  it('names the entry when the sources do not build', async () => {
    const dir = linkedScaffold('acme-broken');
    writeFileSync(join(dir, 'src/index.ts'), "import { nothing } from './missing.js';\nexport default nothing;\n");
    const failure = await plyErrorOf(manifestCommand(quietOutput(), 'check', dir));
    expect(failure.code).toBe('PLY_PLUGIN_LOAD_FAILED');
    expect(failure.message).toContain(join(dir, 'src/index.ts'));
    expect(failure.message).toContain('missing.js');
  });
});
