import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { withActionsTable } from '@ply/kit';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('README actions table', () => {
  it('is the table generated from module/*.json (run `node scripts/readme-table.mjs plugins/sekoia-io` after a manifest build)', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    expect(withActionsTable(readme, `${root}module`)).toBe(readme);
  });
});
