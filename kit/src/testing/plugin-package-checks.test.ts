import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildModuleFiles, defineModule, writeModuleFiles } from '@ply/core';
import { ITEMS_TABLE_END, ITEMS_TABLE_START, renderItemsTable } from '../docs/readme-table.js';
import { moduleFileDrift, readmeTableIsCurrent } from './plugin-package-checks.js';

function plugin(description: string) {
  const acme = defineModule({ uuid: '5b2c0f3e-2222-4c57-9d7e-000000000001', slug: 'acme', name: 'Acme', description: 'x', categories: [], configuration: z.object({}), engines: { ply: '>=0.1.0' } });
  const ping = acme.action({ uuid: '5b2c0f3e-2222-4c57-9d7e-000000000002', slug: 'ping', name: 'Ping', description, docker_parameters: 'acme_ping', arguments: z.object({}), results: z.object({}), run: () => ({}) });
  return acme.plugin({ actions: [ping] });
}

/** A plugin package folder: package.json, module/ generated from `plugin('Pings')`, a README with its table. */
function packageDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'ply-package-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: '@ply/plugin-acme', version: '1.2.0', ply: { module: 'module' } }));
  writeModuleFiles(join(root, 'module'), buildModuleFiles(plugin('Pings'), '1.2.0'));
  writeFileSync(join(root, 'README.md'), `# Acme\n\n${ITEMS_TABLE_START}\n${renderItemsTable(join(root, 'module'))}\n${ITEMS_TABLE_END}\n`);
  return root;
}

describe('plugin package checks', () => {
  it('finds no drift for module JSON generated from the definition at the package version', () => {
    expect(moduleFileDrift(packageDir(), plugin('Pings'))).toEqual({ changed: [], stale: [] });
  });

  it('names the module file a changed definition, or another version, would rewrite', () => {
    const root = packageDir();
    expect(moduleFileDrift(root, plugin('Pings twice')).changed).toEqual(['action_ping.json']);
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: '@ply/plugin-acme', version: '1.3.0' }));
    expect(moduleFileDrift(root, plugin('Pings')).changed).toEqual(['manifest.json']);
  });

  it('tells a current README table from a stale one', () => {
    const root = packageDir();
    expect(readmeTableIsCurrent(root)).toBe(true);
    const stale = join(mkdtempSync(join(tmpdir(), 'ply-package-')), 'acme');
    cpSync(root, stale, { recursive: true });
    writeFileSync(join(stale, 'README.md'), readFileSync(join(stale, 'README.md'), 'utf8').replace('Pings', 'Pongs'));
    expect(readmeTableIsCurrent(stale)).toBe(false);
  });
});
