import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { defineAction, definePlugin, type PluginDefinition } from '@ply/core';
import { buildModuleFiles, writeModuleFiles } from '@ply/core';

/** A plugin whose actions misbehave on purpose, to prove the executor contains them. */
export const fixturePlugin = definePlugin({
  module: {
    uuid: '3f7b7a5e-0c5e-4c57-9d7e-000000000001',
    slug: 'fixture',
    name: 'Fixture',
    description: 'Actions for executor tests',
    categories: ['Generic'],
    configuration: z.object({ token: z.string().meta({ secret: true }), region: z.string().default('eu') }),
    engines: { ply: '>=0.1.0' },
  },
  actions: {
    echo: defineAction({
      uuid: '3f7b7a5e-0c5e-4c57-9d7e-000000000002',
      slug: 'echo',
      name: 'Echo',
      description: 'Returns its arguments and the configuration region',
      arguments: z.object({ text: z.string(), count: z.number().int().default(1), items: z.array(z.string()).optional(), data: z.record(z.string(), z.unknown()).optional() }),
      results: z.object({ text: z.string(), count: z.number(), region: z.string(), items: z.array(z.string()).optional(), data: z.unknown().optional(), data_path: z.string().optional() }),
      run: (ctx, args) => ({ text: args.text, count: args.count, region: String(ctx.config['region']), items: args.items, data: args.data }),
    }),
    crash: defineAction({
      uuid: '3f7b7a5e-0c5e-4c57-9d7e-000000000003',
      slug: 'crash',
      name: 'Crash',
      description: 'Throws, quoting the secret token',
      arguments: z.object({}),
      results: z.object({}),
      run: (ctx) => {
        ctx.log.info(`about to fail with ${String(ctx.config['token'])}`);
        throw new Error(`backend refused token ${String(ctx.config['token'])}`);
      },
    }),
    hang: defineAction({
      uuid: '3f7b7a5e-0c5e-4c57-9d7e-000000000004',
      slug: 'hang',
      name: 'Hang',
      description: 'Never finishes and ignores its signal',
      arguments: z.object({}),
      results: z.object({}),
      run: () => new Promise<Record<string, never>>(() => {}),
    }),
    wrong_results: defineAction({
      uuid: '3f7b7a5e-0c5e-4c57-9d7e-000000000005',
      slug: 'wrong_results',
      name: 'Wrong results',
      description: 'Returns results that do not match its schema',
      arguments: z.object({}),
      results: z.object({ id: z.number() }),
      run: () => ({ id: 'not-a-number' }) as unknown as { id: number },
    }),
  },
});

/** Writes the fixture module folder (JSON generated from the definition) into a temp dir. */
export function writeFixtureModule(plugin: PluginDefinition = fixturePlugin, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ply-fixture-'));
  writeModuleFiles(dir, buildModuleFiles(plugin, '1.0.0'));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}
