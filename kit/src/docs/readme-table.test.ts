import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { README_TABLE_END, README_TABLE_START, hasItemsTable, renderItemsTable, withItemsTable } from './readme-table.js';

function moduleDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ply-readme-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
  return dir;
}

const getHost = { name: 'Get Host', slug: 'get_host', description: 'Services | banners\nof a host', arguments: { required: ['ip'] }, results: { properties: { ip: {}, ports: {} } } };
const livehunt = { name: 'LiveHunt', slug: 'livehunt', description: 'Notifications', arguments: {}, results: { properties: { sha256: {} } } };

describe('README items table', () => {
  it('lists actions by name with slug, escaped description, required arguments and results', () => {
    const table = renderItemsTable(moduleDir({ 'manifest.json': { name: 'x' }, 'action_get_host.json': getHost, 'action_count.json': { name: 'Count', slug: 'count', description: '' } }));
    expect(table.split('\n')).toEqual([
      '| action | description | required arguments | results |',
      '|---|---|---|---|',
      '| Count (`count`) | — | — | — |',
      '| Get Host (`get_host`) | Services \\| banners of a host | `ip` | `ip`, `ports` |',
    ]);
  });

  it('adds triggers after the actions, each row saying its kind', () => {
    const table = renderItemsTable(moduleDir({ 'action_get_host.json': getHost, 'trigger_livehunt.json': livehunt }));
    expect(table.split('\n').slice(0, 1)).toEqual(['| item | description | required arguments | results |']);
    expect(table.split('\n').slice(2)).toEqual([
      '| Get Host (`get_host`) — action | Services \\| banners of a host | `ip` | `ip`, `ports` |',
      '| LiveHunt (`livehunt`) — trigger | Notifications | — | `sha256` |',
    ]);
  });

  it('replaces only the text between the markers, and refuses a README without them', () => {
    const dir = moduleDir({ 'action_get_host.json': getHost });
    const readme = `# x\n\n${README_TABLE_START}\nold\n${README_TABLE_END}\n\nafter\n`;
    expect(hasItemsTable(readme)).toBe(true);
    const next = withItemsTable(readme, dir);
    expect(next).toBe(`# x\n\n${README_TABLE_START}\n${renderItemsTable(dir)}\n${README_TABLE_END}\n\nafter\n`);
    expect(withItemsTable(next, dir)).toBe(next);
    expect(hasItemsTable('# no table')).toBe(false);
    expect(() => withItemsTable('# no table', dir)).toThrow(/markers/);
  });
});
