import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles, diffModuleFiles } from '@ply/core';
import { withItemsTable } from '@ply/kit';
import { sekoiaCorpusDir } from '@ply/kit/testing';
import plugin from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const reference = (file: string) => JSON.parse(readFileSync(`${sekoiaCorpusDir()}/ServiceNow/${file}`, 'utf8')) as Record<string, unknown>;

describe('committed module JSON', () => {
  it('matches the zod definitions (run `ply manifest build` after changing them)', () => {
    const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
    expect(diffModuleFiles(`${root}module`, buildModuleFiles(plugin, version))).toEqual({ changed: [], stale: [] });
  });

  it("keeps the reference module's and Get Table's uuid, slug, name and docker_parameters, and its arguments", () => {
    const files = buildModuleFiles(plugin, '1.0.0');
    const manifest = JSON.parse(files.get('manifest.json')!) as Record<string, unknown>;
    const expected = reference('manifest.json');
    expect([manifest['uuid'], manifest['slug'], manifest['name']]).toEqual([expected['uuid'], expected['slug'], expected['name']]);
    expect((manifest['configuration'] as { secrets: string[] }).secrets).toEqual(['password']);
    const getTable = JSON.parse(files.get('action_get_table.json')!) as Record<string, Record<string, unknown>>;
    const original = reference('action_servicenow_get_table.json') as Record<string, Record<string, unknown>>;
    expect([getTable['uuid'], getTable['slug'], getTable['name'], getTable['docker_parameters']]).toEqual([original['uuid'], original['slug'], original['name'], original['docker_parameters']]);
    expect(getTable['arguments']!['required']).toEqual(original['arguments']!['required']);
    expect((getTable['arguments']!['properties'] as Record<string, { in?: string }>)['table_name']!.in).toBe('path');
  });
});

describe('README', () => {
  it('has the items table generated from module/*.json (run `ply readme plugins/servicenow` after a manifest build)', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    expect(withItemsTable(readme, `${root}module`)).toBe(readme);
  });
});
