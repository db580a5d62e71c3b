import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles, diffModuleFiles } from '@ply/core';
import { withItemsTable } from '@ply/kit';
import { sekoiaCorpusDir } from '@ply/kit/testing';
import plugin from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
type Item = { uuid: string; slug: string; name: string; docker_parameters: string; arguments: { properties: Record<string, unknown>; required?: string[]; secrets?: string[] }; results: { properties: Record<string, unknown>; required?: string[] } };

describe('committed module JSON', () => {
  it('matches the zod definitions (run `ply manifest build` after changing them)', () => {
    const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string };
    expect(diffModuleFiles(`${root}/module`, buildModuleFiles(plugin, version))).toEqual({ changed: [], stale: [] });
  });

  it('has the README items table generated from the module JSON', () => {
    const readme = readFileSync(`${root}/README.md`, 'utf8');
    expect(withItemsTable(readme, `${root}/module`)).toBe(readme);
  });

  it("keeps the reference's uuids, slugs, names, docker_parameters, required arguments and secrets, and at least its arguments and results", () => {
    const corpus = join(sekoiaCorpusDir(), 'HTTP');
    const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as { uuid: string; slug: string; name: string };
    expect([plugin.module.uuid, plugin.module.slug, plugin.module.name]).toEqual([manifest.uuid, manifest.slug, manifest.name]);
    const ours = [...buildModuleFiles(plugin, '1.0.0').entries()].filter(([name]) => name.startsWith('action_')).map(([, text]) => JSON.parse(text) as Item);
    for (const file of ['action_request.json', 'action_download_file.json']) {
      const reference = JSON.parse(readFileSync(join(corpus, file), 'utf8')) as Item;
      const mine = ours.find((item) => item.uuid === reference.uuid)!;
      expect([mine.slug, mine.name, mine.docker_parameters]).toEqual([reference.slug, reference.name, reference.docker_parameters]);
      expect(mine.arguments.required).toEqual(reference.arguments.required);
      for (const key of Object.keys(reference.arguments.properties)) expect(mine.arguments.properties, `${file} argument ${key}`).toHaveProperty([key]);
      for (const key of Object.keys(reference.results.properties)) expect(mine.results.properties, `${file} result ${key}`).toHaveProperty([key]);
      for (const secret of reference.arguments.secrets ?? []) expect(mine.arguments.secrets).toContain(secret);
    }
  });
});
