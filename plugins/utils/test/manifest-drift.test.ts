import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles, diffModuleFiles } from '@ply/core';
import { sekoiaCorpusDir } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { withItemsTable } from '@ply/kit';

const root = fileURLToPath(new URL('..', import.meta.url));
type Item = { uuid: string; slug: string; name: string; docker_parameters: string; arguments: { properties: Record<string, unknown>; required?: string[] }; results: { properties: Record<string, unknown> } };

describe('committed module JSON', () => {
  it('matches the zod definitions (run `ply manifest build` after changing them)', () => {
    const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string };
    expect(diffModuleFiles(`${root}/module`, buildModuleFiles(plugin, version))).toEqual({ changed: [], stale: [] });
  });

  it('has the README actions table generated from the module JSON', () => {
    const readme = readFileSync(`${root}/README.md`, 'utf8');
    expect(withItemsTable(readme, `${root}/module`)).toBe(readme);
  });

  it("keeps the reference's uuids, slugs, names and docker_parameters, and accepts at least its arguments and results", () => {
    const corpus = join(sekoiaCorpusDir(), 'Utils');
    const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as { uuid: string; slug: string; name: string };
    expect([plugin.module.uuid, plugin.module.slug, plugin.module.name]).toEqual([manifest.uuid, manifest.slug, manifest.name]);
    const files = buildModuleFiles(plugin, '1.0.0');
    const ours = [...files.entries()].filter(([name]) => name.startsWith('action_')).map(([, text]) => JSON.parse(text) as Item);
    for (const file of ['action_fileutils_readjsonfile.json', 'action_fileutils_readxmlfile.json', 'action_groupby.json', 'action_password_generator.json', 'action_utils_getcurrenttime.json', 'action_utils_wait.json']) {
      const reference = JSON.parse(readFileSync(join(corpus, file), 'utf8')) as Item;
      const mine = ours.find((item) => item.uuid === reference.uuid);
      expect(mine, file).toBeDefined();
      expect([mine!.slug, mine!.name, mine!.docker_parameters]).toEqual([reference.slug, reference.name, reference.docker_parameters]);
      for (const key of Object.keys(reference.arguments.properties)) expect(mine!.arguments.properties, `${file} argument ${key}`).toHaveProperty([key]);
      for (const key of Object.keys(reference.results.properties)) expect(mine!.results.properties, `${file} result ${key}`).toHaveProperty([key]);
      expect(mine!.arguments.required ?? []).toEqual(reference.arguments.required ?? []);
    }
  });
});
