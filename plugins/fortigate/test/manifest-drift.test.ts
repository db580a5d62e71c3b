import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles, diffModuleFiles } from '@ply/core';
import { withItemsTable } from '@ply/kit';
import { sekoiaCorpusDir } from '@ply/kit/testing';
import plugin from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const referenceDir = `${sekoiaCorpusDir()}/Fortigate`;
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('committed module JSON', () => {
  it('matches the zod definitions (run `ply manifest build` after changing them)', () => {
    const { version } = json(`${root}package.json`) as { version: string };
    expect(diffModuleFiles(`${root}module`, buildModuleFiles(plugin, version))).toEqual({ changed: [], stale: [] });
  });

  it("keeps the reference's uuids, slugs, names, docker_parameters and required arguments, with the nested api_key secret", () => {
    const files = buildModuleFiles(plugin, '1.0.0');
    const manifest = JSON.parse(files.get('manifest.json')!) as Record<string, unknown>;
    const expected = json(`${referenceDir}/manifest.json`);
    expect([manifest['uuid'], manifest['slug'], manifest['name']]).toEqual([expected['uuid'], expected['slug'], expected['name']]);
    expect((manifest['configuration'] as { secrets: string[] }).secrets).toEqual(['api_key']);
    const ours = [...files.entries()].filter(([name]) => name.startsWith('action_')).map(([, text]) => JSON.parse(text) as Record<string, Record<string, unknown>>);
    for (const file of readdirSync(referenceDir).filter((name) => name.startsWith('action_'))) {
      const reference = json(`${referenceDir}/${file}`) as Record<string, Record<string, unknown>>;
      const mine = ours.find((item) => item['uuid'] === reference['uuid']);
      expect(mine, file).toBeDefined();
      expect([mine!['slug'], mine!['name'], mine!['docker_parameters']]).toEqual([reference['slug'], reference['name'], reference['docker_parameters']]);
      expect(mine!['arguments']!['required']).toEqual(reference['arguments']!['required']);
    }
  });
});

describe('README', () => {
  it('has the items table generated from module/*.json (run `ply readme plugins/fortigate`)', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    expect(withItemsTable(readme, `${root}module`)).toBe(readme);
  });
});
