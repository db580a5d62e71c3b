import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderActionsTable, withActionsTable } from '../scripts/readme-table.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('README actions table', () => {
  it('is the table generated from module/*.json (run `node scripts/readme-table.mjs` after a manifest build)', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    expect(withActionsTable(readme, `${root}module`)).toBe(readme);
  });

  it('lists each action with its required arguments and results, and notices a changed manifest', () => {
    const moduleDir = mkdtempSync(join(tmpdir(), 'ply-readme-'));
    const action = JSON.parse(readFileSync(`${root}module/action_get_events.json`, 'utf8')) as Record<string, unknown>;
    writeFileSync(join(moduleDir, 'action_get_events.json'), JSON.stringify(action));
    const table = renderActionsTable(moduleDir);
    expect(table.split('\n')[2]).toBe('| Get Events (`get_events`) | Query events | `query`, `earliest_time`, `latest_time` | `events` |');
    writeFileSync(join(moduleDir, 'action_get_events.json'), JSON.stringify({ ...action, description: 'Changed | piped' }));
    expect(renderActionsTable(moduleDir)).not.toBe(table);
    expect(renderActionsTable(moduleDir)).toContain('Changed \\| piped');
  });
});
