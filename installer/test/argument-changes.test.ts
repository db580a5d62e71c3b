import { describe, expect, it } from 'vitest';
import type { JsonSchema, LoadedModule, ModuleItem } from '@ply/core';
import { breakingArgumentChanges } from '../src/argument-changes.js';
import { ModuleCatalog } from '@ply/core';

function action(slug: string, args: JsonSchema, uuid = `00000000-0000-4000-8000-${slug.padStart(12, '0').slice(-12)}`): ModuleItem {
  return { kind: 'action', file: `${slug}.json`, uuid, slug, name: slug, description: '', docker: slug, arguments: args, results: {}, raw: {} };
}

function module(version: string, items: ModuleItem[], active = false): LoadedModule {
  return {
    dir: `/m/${version}`,
    source: 'installed',
    manifest: { uuid: 'u', slug: 'demo', name: 'Demo', description: '', version, categories: [], configuration: {}, raw: {} },
    items,
    warnings: [],
    ...(active ? { active } : {}),
  };
}

const object = (properties: Record<string, JsonSchema>, required: string[] = []) => ({ type: 'object', properties, required });

describe('breaking argument changes between two versions', () => {
  it('reports a removed action, a narrowed type, a removed argument and a new required argument', () => {
    const before = module('1.0.0', [
      action('send', object({ to: { type: 'string' }, count: { type: ['integer', 'string'] }, cc: { type: 'array' } }, ['to'])),
      action('gone', object({})),
    ]);
    const after = module('2.0.0', [action('send', object({ to: { type: 'string' }, count: { type: 'integer' }, priority: { type: 'boolean' } }, ['to', 'priority']))]);
    expect(breakingArgumentChanges(before, after).map((c) => `${c.action}:${c.kind}:${c.argument ?? ''}`)).toEqual([
      'send:argument-removed:cc',
      'send:required-added:priority',
      'send:type-changed:count',
      'gone:action-removed:',
    ]);
  });

  it('accepts what does not break callers: new optional arguments, widened types, integer to number', () => {
    const before = module('1.0.0', [action('send', object({ to: { type: 'string' }, n: { type: 'integer' } }, ['to']))]);
    const after = module('1.1.0', [action('send', object({ to: { type: ['string', 'array'] }, n: { type: 'number' }, extra: { type: 'string' } }, ['to']))]);
    expect(breakingArgumentChanges(before, after)).toEqual([]);
  });

  it('matches actions by uuid even when the slug changed', () => {
    const before = module('1.0.0', [action('old_name', object({ a: { type: 'string' } }), '11111111-1111-4111-8111-111111111111')]);
    const after = module('2.0.0', [action('new_name', object({ a: { type: 'string' } }), '11111111-1111-4111-8111-111111111111')]);
    expect(breakingArgumentChanges(before, after)).toEqual([]);
  });
});

describe('the catalog and the active version', () => {
  it('prefers the active version over a higher one, also for a range it satisfies', () => {
    const catalog = new ModuleCatalog();
    catalog.add(module('1.0.0', [], true));
    catalog.add(module('1.1.0', []));
    expect(catalog.module('demo').manifest.version).toBe('1.0.0');
    expect(catalog.modules().map((m) => m.manifest.version)).toEqual(['1.0.0']);
    expect(catalog.module('demo', '^1.0.0').manifest.version).toBe('1.0.0');
    expect(catalog.module('demo', '>=1.1.0').manifest.version).toBe('1.1.0');
  });

  it('falls back to the highest version when none is marked active', () => {
    const catalog = new ModuleCatalog();
    catalog.add(module('1.0.0', []));
    catalog.add(module('1.1.0', []));
    expect(catalog.module('demo').manifest.version).toBe('1.1.0');
  });
});
