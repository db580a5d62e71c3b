import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildModuleFiles, defineModule, writeModuleFiles } from '@ply/core';
import { ITEMS_TABLE_END, ITEMS_TABLE_START, renderItemsTable } from '../docs/readme-table.js';
import { packageDrift } from './package-drift.js';

function plugin(description: string) {
  const acme = defineModule({ uuid: '5f0c0000-0000-4000-8000-0000000000d0', slug: 'acme', name: 'Acme', description: 'x', categories: ['Threat Intelligence'], configuration: z.object({}), engines: { ply: '>=0.1.0' } });
  return acme.plugin({ actions: [acme.action({ uuid: '5f0c0000-0000-4000-8000-0000000000d1', slug: 'lookup', name: 'Lookup', description, docker_parameters: 'acme_lookup', arguments: z.object({}), results: z.object({}), run: () => ({}) })] });
}

function packageOf(description: string): string {
  const root = mkdtempSync(join(tmpdir(), 'ply-drift-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: '@ply/plugin-acme', version: '1.0.0' }));
  writeModuleFiles(join(root, 'module'), buildModuleFiles(plugin(description), '1.0.0'));
  writeFileSync(join(root, 'README.md'), `# Acme\n\n${ITEMS_TABLE_START}\n${renderItemsTable(join(root, 'module'))}\n${ITEMS_TABLE_END}\n`);
  return root;
}

describe('packageDrift', () => {
  it('finds nothing to say about a package built from its code', () => {
    expect(packageDrift(packageOf('Looks up'), plugin('Looks up'))).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it('names the JSON file the code changed, and sees a stale README table', () => {
    const root = packageOf('Looks up');
    writeFileSync(join(root, 'README.md'), `# Acme\n\n${ITEMS_TABLE_START}\nold\n${ITEMS_TABLE_END}\n`);
    expect(packageDrift(root, plugin('Looks up, now better'))).toEqual({ changed: ['action_lookup.json'], stale: [], readme: 'stale' });
  });

  it('names the manifest another package version would rewrite', () => {
    const root = packageOf('Looks up');
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: '@ply/plugin-acme', version: '1.1.0' }));
    expect(packageDrift(root, plugin('Looks up'))).toEqual({ changed: ['manifest.json'], stale: [], readme: 'up to date' });
  });

  it('says when the README has no generated items table', () => {
    const root = packageOf('Looks up');
    writeFileSync(join(root, 'README.md'), '# Acme\n');
    expect(packageDrift(root, plugin('Looks up')).readme).toBe('none');
  });
});
