import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// What `pnpm build` leaves (scripts/bundle.mjs, linkWorkspaceZod): the compiled code of every
// workspace plugin resolves zod to the core's dist/zod, the zod installed plugins get, not to the
// plugin's own node_modules/zod (the package as published, 95 files).
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORE_ZOD = join(ROOT, 'core/dist/zod/index.js');

function builtPlugins(): string[] {
  return readdirSync(join(ROOT, 'plugins'))
    .map((name) => join(ROOT, 'plugins', name))
    .filter((dir) => existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'dist/index.js')));
}

describe('the zod of workspace plugins run from their compiled code', () => {
  it('resolves to the core’s dist/zod from every built workspace plugin, while its sources keep their own zod', () => {
    const plugins = builtPlugins();
    expect(plugins.length).toBeGreaterThan(20);
    for (const dir of plugins) {
      const fromDist = realpathSync(createRequire(join(dir, 'dist/index.js')).resolve('zod'));
      expect({ plugin: dir, zod: fromDist }).toEqual({ plugin: dir, zod: CORE_ZOD });
      const fromSource = realpathSync(createRequire(join(dir, 'src/index.ts')).resolve('zod'));
      expect(fromSource).not.toBe(CORE_ZOD);
    }
  });

  it('builds a plugin’s compiled schemas with the core’s zod classes, in a plain Node process', () => {
    // Node's own ESM resolution (not the test runner's): the Mattermost configuration, compiled by
    // tsc. Its constructor, not instanceof: zod 4's instanceof accepts a schema of any zod copy.
    const script = [
      `const plugin = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'plugins/mattermost/dist/configuration.js')).href)});`,
      `const zod = await import(${JSON.stringify(pathToFileURL(CORE_ZOD).href)});`,
      `process.stdout.write(JSON.stringify({ coreZod: plugin.mattermostConfigurationSchema.constructor === zod.ZodObject, parsed: plugin.mattermostConfigurationSchema.safeParse({ hook_url: 'not a url' }).success }));`,
    ].join('\n');
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { coreZod: boolean; parsed: boolean };
    expect(out).toEqual({ coreZod: true, parsed: false });
  });
});
