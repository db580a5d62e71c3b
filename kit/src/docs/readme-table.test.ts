import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ITEMS_TABLE_END, ITEMS_TABLE_START, renderItemsTable, withItemsTable } from './readme-table.js';

function moduleDir(items: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ply-readme-'));
  for (const [file, item] of Object.entries(items)) writeFileSync(join(dir, file), JSON.stringify(item));
  writeFileSync(join(dir, 'manifest.json'), '{}');
  return dir;
}

describe('README items table', () => {
  it('lists actions, triggers and connectors with required arguments and results, escaping pipes', () => {
    const dir = moduleDir({
      'action_get.json': { name: 'Get', slug: 'get', description: 'Reads | one', arguments: { required: ['id'] }, results: { properties: { item: {} } } },
      'trigger_new.json': { name: 'New', slug: 'new', description: 'Fires', arguments: {}, results: { properties: { event_id: {} } } },
    });
    expect(renderItemsTable(dir).split('\n')).toEqual([
      '| item | kind | description | required arguments | results |',
      '|---|---|---|---|---|',
      '| Get (`get`) | action | Reads \\| one | `id` | `item` |',
      '| New (`new`) | trigger | Fires | — | `event_id` |',
    ]);
  });

  it('replaces only what lies between the markers, and refuses a README without them', () => {
    const dir = moduleDir({ 'action_get.json': { name: 'Get', slug: 'get', description: 'x' } });
    const readme = `# P\n\n${ITEMS_TABLE_START}\nold\n${ITEMS_TABLE_END}\n\nmore`;
    const updated = withItemsTable(readme, dir);
    expect(updated.startsWith(`# P\n\n${ITEMS_TABLE_START}\n| item |`)).toBe(true);
    expect(updated.endsWith(`${ITEMS_TABLE_END}\n\nmore`)).toBe(true);
    expect(() => withItemsTable('# no markers', dir)).toThrow(/has no .* markers/);
  });
});
