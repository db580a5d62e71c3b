import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles, diffModuleFiles } from '@ply/core';
import { withItemsTable } from '@ply/kit';
import { sekoiaCorpusDir } from '@ply/kit/testing';
import plugin from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const reference = (file: string) => JSON.parse(readFileSync(`${sekoiaCorpusDir()}/MicrosoftWindowsServer/${file}`, 'utf8')) as Record<string, unknown>;

describe('committed module JSON', () => {
  it('matches the zod definitions (run `ply manifest build` after changing them)', () => {
    const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
    expect(diffModuleFiles(`${root}module`, buildModuleFiles(plugin, version))).toEqual({ changed: [], stale: [] });
  });

  it("keeps the reference module's and every action's uuid, slug, name, docker_parameters, required arguments and secrets", () => {
    const files = buildModuleFiles(plugin, '1.0.0');
    const manifest = JSON.parse(files.get('manifest.json')!) as Record<string, Record<string, unknown>>;
    const expected = reference('manifest.json') as Record<string, Record<string, unknown>>;
    expect([manifest['uuid'], manifest['slug'], manifest['name']]).toEqual([expected['uuid'], expected['slug'], expected['name']]);
    expect([manifest['configuration']!['required'], manifest['configuration']!['secrets']]).toEqual([expected['configuration']!['required'], expected['configuration']!['secrets']]);
    for (const slug of ['change_user_password', 'disable_users', 'enable_users']) {
      const item = JSON.parse(files.get(`action_${slug}.json`)!) as Record<string, Record<string, unknown>>;
      const original = reference(`action_${slug}.json`) as Record<string, Record<string, unknown>>;
      expect([item['uuid'], item['slug'], item['name'], item['docker_parameters']], slug).toEqual([original['uuid'], original['slug'], original['name'], original['docker_parameters']]);
      expect(Object.keys(item['arguments']!['properties'] as object), slug).toEqual(Object.keys(original['arguments']!['properties'] as object));
      expect(item['arguments']!['required'] ?? [], slug).toEqual(original['arguments']!['required']);
      expect(item['arguments']!['secrets'] ?? [], slug).toEqual(original['arguments']!['secrets']);
    }
  });
});

describe('README', () => {
  it('has the items table generated from module/*.json (run `ply readme plugins/microsoft-windows-server` after a manifest build)', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    expect(withItemsTable(readme, `${root}module`)).toBe(readme);
  });
});
