import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderItemsTable, withReadmeTables } from './readme-tables.js';

function moduleFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ply-readme-'));
  writeFileSync(join(dir, 'action_get_thing.json'), JSON.stringify({ name: 'Get thing', slug: 'get_thing', description: 'Reads | a thing', arguments: { properties: { id: {}, verbose: {} }, required: ['id'] }, results: { properties: { id: {}, size: {} } } }));
  writeFileSync(join(dir, 'action_add_thing.json'), JSON.stringify({ name: 'Add thing', slug: 'add_thing', description: '', arguments: {}, results: {} }));
  writeFileSync(join(dir, 'trigger_thing_created.json'), JSON.stringify({ name: 'Thing created', slug: 'thing_created', description: 'A thing was created', arguments: { properties: { filter: {} } }, results: { properties: { uuid: {} } } }));
  return dir;
}

describe('README tables from the module JSON', () => {
  it('lists actions by name with their required arguments and results, pipes escaped', () => {
    expect(renderItemsTable(moduleFolder(), 'actions').split('\n')).toEqual([
      '| action | description | required arguments | results |',
      '|---|---|---|---|',
      '| Add thing (`add_thing`) | — | — | — |',
      '| Get thing (`get_thing`) | Reads \\| a thing | `id` | `id`, `size` |',
    ]);
  });

  it('lists triggers with their whole configuration and event fields', () => {
    expect(renderItemsTable(moduleFolder(), 'triggers').split('\n')[2]).toBe('| Thing created (`thing_created`) | A thing was created | `filter` | `uuid` |');
  });

  it('rewrites the text between the markers only, and leaves a README without markers alone', () => {
    const readme = '# X\n\n<!-- actions-table:start (generated) -->\nstale\n<!-- actions-table:end -->\n\ntail\n';
    const written = withReadmeTables(readme, moduleFolder());
    expect(written).toContain('| Get thing (`get_thing`) |');
    expect(written).not.toContain('stale');
    expect(written.endsWith('<!-- actions-table:end -->\n\ntail\n')).toBe(true);
    expect(withReadmeTables(written, moduleFolder())).toBe(written);
    expect(withReadmeTables('# no tables\n', moduleFolder())).toBe('# no tables\n');
  });
});
