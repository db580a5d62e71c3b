import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { README_TABLE_END, README_TABLE_START, renderActionsTable, withActionsTable } from './readme-table.js';

function moduleDir(actions: Record<string, unknown>[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ply-readme-'));
  for (const action of actions) writeFileSync(join(dir, `action_${String(action['slug'])}.json`), JSON.stringify(action));
  writeFileSync(join(dir, 'manifest.json'), '{}');
  return dir;
}

const getEvents = { name: 'Get Events', slug: 'get_events', description: 'Query events', arguments: { required: ['query', 'earliest_time'] }, results: { type: 'object', properties: { events: {} } } };
const stats = { name: 'Get statistics', slug: 'get_statistics', description: 'Counts | by port', arguments: {}, results: { type: 'array', items: {} } };

describe('README actions table', () => {
  it('lists each action by name with its slug, description, required arguments and results', () => {
    expect(renderActionsTable(moduleDir([stats, getEvents])).split('\n')).toEqual([
      '| action | description | required arguments | results |',
      '|---|---|---|---|',
      '| Get Events (`get_events`) | Query events | `query`, `earliest_time` | `events` |',
      '| Get statistics (`get_statistics`) | Counts \\| by port | — | a list |',
    ]);
  });

  it('replaces only what is between the markers, and refuses a README without them', () => {
    const dir = moduleDir([getEvents]);
    const readme = `# Plugin\n\n${README_TABLE_START}\nold table\n${README_TABLE_END}\n\nAfter.\n`;
    const updated = withActionsTable(readme, dir);
    expect(updated).toBe(`# Plugin\n\n${README_TABLE_START}\n${renderActionsTable(dir)}\n${README_TABLE_END}\n\nAfter.\n`);
    expect(withActionsTable(updated, dir)).toBe(updated);
    expect(() => withActionsTable('# no markers', dir)).toThrow('README has no');
  });
});
