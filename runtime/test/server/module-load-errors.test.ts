import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlyError } from '@ply/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../../src/server/runtime.js';
import { createServerApp } from '../../src/server/server-app.js';

// `ply serve` reads the discovered modules' item files on first use (core's `lazyItems`): a bad
// item file no longer keeps its module out at start, so these hold that it is still reported by
// the modules list, health and the first lookup, each naming the file.

const manifest = (slug: string, n: number) => ({ uuid: `5c0ffee0-0000-4000-8000-00000000000${n}`, slug, name: slug, description: 'd', version: '1.0.0', configuration: {} });
const action = (n: number, docker: string) => ({ uuid: `5c0ffee0-0000-4000-8000-0000000001${n}0`, name: 'Act', slug: 'act', description: 'd', docker_parameters: docker, arguments: { type: 'object' } });

/** A checkout with two plugin packages: `good`, and `broken` whose action file has an empty docker_parameters. */
function workspace(): { root: string; badFile: string } {
  const root = mkdtempSync(join(tmpdir(), 'ply-load-errors-'));
  const plugin = (slug: string, n: number, item: Record<string, unknown>) => {
    const dir = join(root, 'plugins', slug);
    mkdirSync(join(dir, 'module'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `@test/plugin-${slug}`, version: '1.0.0', ply: {} }));
    writeFileSync(join(dir, 'module', 'manifest.json'), JSON.stringify(manifest(slug, n)));
    writeFileSync(join(dir, 'module', 'action_act.json'), JSON.stringify(item));
    return join(dir, 'module', 'action_act.json');
  };
  plugin('good', 1, action(1, 'act'));
  return { root, badFile: plugin('broken', 2, action(2, '')) };
}

let runtime: Runtime | undefined;
afterEach(async () => {
  await runtime?.close(0);
  runtime = undefined;
});

describe('a discovered module with an invalid item file', () => {
  it('is listed with no items, and GET /api/v1/modules names the file in loadErrors', async () => {
    const { root, badFile } = workspace();
    runtime = await openRuntime({ settings: { home: mkdtempSync(join(tmpdir(), 'ply-home-')) }, workspaceRoot: root });
    const app = createServerApp(runtime);
    const { token } = await runtime.store.tokens.create('viewer-test', 'viewer');
    const answer = await app.request('/api/v1/modules', { headers: { authorization: `Bearer ${token}` } });
    const body = (await answer.json()) as { modules: Array<{ slug: string; counts: { actions: number } }>; loadErrors: Array<{ dir: string; code: string; message: string }> };
    expect(answer.status).toBe(200);
    expect(body.modules.map((m) => [m.slug, m.counts.actions])).toEqual([['broken', 0], ['good', 1]]);
    expect(body.loadErrors).toEqual([{ dir: join(root, 'plugins', 'broken', 'module'), code: 'PLY_MANIFEST_INVALID', message: `${badFile}:/docker_parameters: must be a non-empty string` }]);
  });

  it('is counted by GET /api/v1/health', async () => {
    const { root } = workspace();
    runtime = await openRuntime({ settings: { home: mkdtempSync(join(tmpdir(), 'ply-home-')) }, workspaceRoot: root });
    const answer = await createServerApp(runtime).request('/api/v1/health');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: 'ok', moduleLoadErrors: 1 });
  });

  it('fails its first lookup with the error naming the file, while the other modules run', async () => {
    const { root, badFile } = workspace();
    runtime = await openRuntime({ settings: { home: mkdtempSync(join(tmpdir(), 'ply-home-')) }, workspaceRoot: root });
    expect(runtime.ply.catalog.find('action', 'good.act').item.docker).toBe('act');
    let error: unknown;
    try {
      runtime.ply.catalog.find('action', 'broken.act');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlyError);
    expect((error as PlyError).code).toBe('PLY_MANIFEST_INVALID');
    expect((error as PlyError).message).toBe(`${badFile}:/docker_parameters: must be a non-empty string`);
  });
});
