import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction, definePlugin } from '@ply/core';
import { compareWithReferenceModule } from './reference-comparison.js';

const UUID = '7a1e0000-0000-4000-8000-000000000001';

/** A reference module folder with one action (`uuid`), as the corpus holds them. */
function referenceFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ply-reference-'));
  const action = {
    uuid: UUID,
    name: 'Get thing',
    docker_parameters: 'get-thing',
    arguments: { type: 'object', properties: { id: { type: 'string' }, verbose: { type: 'boolean' } }, required: ['id'] },
    results: { type: 'object', properties: { id: { type: 'string' }, size: { type: ['integer', 'null'] } } },
  };
  writeFileSync(join(dir, 'action_get_thing.json'), JSON.stringify(action));
  writeFileSync(join(dir, 'manifest.json'), '{}');
  return dir;
}

const pluginWith = (results: z.ZodType) =>
  definePlugin({
    module: { uuid: '7a1e0000-0000-4000-8000-000000000000', slug: 'thing', name: 'Thing', description: 'x', categories: ['Generic'], configuration: z.object({}), engines: { ply: '>=0.1.0' } },
    actions: {
      'get-thing': defineAction({ uuid: UUID, slug: 'get_thing', name: 'Get thing', description: 'x', arguments: z.object({ id: z.string() }), results, run: () => ({}) }),
      extra: defineAction({ uuid: '7a1e0000-0000-4000-8000-000000000009', slug: 'extra', name: 'Extra', description: 'x', arguments: z.object({}), results: z.object({}), run: () => ({}) }),
    },
  });

describe('compareWithReferenceModule', () => {
  it('pairs items by kind and uuid and reports the narrowings of their results', () => {
    const comparison = compareWithReferenceModule(pluginWith(z.looseObject({ id: z.string().optional(), size: z.int().optional() })), referenceFolder());
    expect(comparison.matched).toEqual(['action_get_thing.json']);
    expect(comparison.unmatched).toEqual(['action_extra.json']);
    expect(comparison.narrowings).toEqual([{ file: 'action_get_thing.json', part: 'results', path: '/size', message: 'the reference accepts null, Ply does not (Ply accepts integer)' }]);
  });

  it('compares the arguments too when asked: an argument the reference takes and Ply refuses is a narrowing', () => {
    const plugin = pluginWith(z.looseObject({ id: z.string().optional(), size: z.int().nullable().optional() }));
    expect(compareWithReferenceModule(plugin, referenceFolder()).narrowings).toEqual([]);
    const strict = definePlugin({ ...plugin, actions: { 'get-thing': defineAction({ ...plugin.actions['get-thing']!, arguments: z.strictObject({ id: z.string() }) }) } });
    expect(compareWithReferenceModule(strict, referenceFolder(), ['arguments']).narrowings.map((narrowing) => narrowing.path)).toEqual(['/verbose', '/*']);
  });
});
