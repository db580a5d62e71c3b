import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles } from '@ply/core';
import { compareWithReferenceModule, sekoiaCorpusDir } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { readFileSync } from 'node:fs';

const referenceDir = join(sekoiaCorpusDir(), 'TheHiveV5');
const reference = (file: string) => JSON.parse(readFileSync(join(referenceDir, file), 'utf8')) as Record<string, unknown>;

describe('TheHive 5 module against the reference TheHiveV5 module', () => {
  it('keeps the module and every reference action: uuid, slug, name, docker_parameters, arguments', () => {
    const files = buildModuleFiles(plugin, '0.0.0');
    const manifest = JSON.parse(files.get('manifest.json')!) as Record<string, unknown>;
    expect([manifest['uuid'], manifest['slug'], manifest['name']]).toEqual(['d6c96586-707c-451f-b9f6-d31b3291f87d', 'thehivev5', 'The Hive V5']);
    expect(Object.keys((manifest['configuration'] as { properties: object }).properties)).toEqual(expect.arrayContaining(Object.keys((reference('manifest.json')['configuration'] as { properties: object }).properties)));
    for (const file of ['action_create_alert.json', 'action_add_comment.json', 'action_add_observable.json', 'action_upload_logs.json']) {
      const theirs = reference(file) as { uuid: string; slug: string; name: string; docker_parameters: string; arguments: { properties: object; required?: string[] } };
      const ours = [...files.values()].map((text) => JSON.parse(text) as typeof theirs).find((item) => item.uuid === theirs.uuid);
      expect(ours, file).toBeDefined();
      expect([ours!.slug, ours!.name, ours!.docker_parameters]).toEqual([theirs.slug, theirs.name, theirs.docker_parameters]);
      expect(Object.keys(ours!.arguments.properties)).toEqual(expect.arrayContaining(Object.keys(theirs.arguments.properties)));
      for (const name of ours!.arguments.required ?? []) expect(theirs.arguments.required, `${file} requires ${name}`).toContain(name);
    }
  });

  it('has results at least as wide as the reference, and takes every argument value the reference takes', () => {
    const comparison = compareWithReferenceModule(plugin, referenceDir, ['results', 'arguments']);
    expect(comparison.unmatched).toEqual(['action_get_an_alert_in_the_hive_v5.json']);
    expect(comparison.narrowings).toEqual([]);
  });
});
