import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles, diffModuleFiles } from '@ply/core';
import plugin from '../src/index.js';
import { withItemsTable } from '@ply/kit';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('committed module JSON', () => {
  it('matches the zod definitions (run `ply manifest build` after changing them)', () => {
    const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string };
    expect(diffModuleFiles(`${root}/module`, buildModuleFiles(plugin, version))).toEqual({ changed: [], stale: [] });
  });

  it('has the README actions table generated from the module JSON (ply readme plugins/stix)', () => {
    const readme = readFileSync(`${root}/README.md`, 'utf8');
    expect(withItemsTable(readme, `${root}/module`)).toBe(readme);
  });

  it('lists the fourteen helpers with the uuids the README publishes', () => {
    const readme = readFileSync(`${root}/README.md`, 'utf8');
    const actions = Object.values(plugin.actions);
    expect(actions).toHaveLength(14);
    for (const action of actions) expect(readme, action.slug).toContain(`| \`${action.slug}\` | \`${action.uuid}\` |`);
    expect(readme).toContain(plugin.module.uuid);
  });
});
