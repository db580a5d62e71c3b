import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles, diffModuleFiles } from '@ply/core';
import { withItemsTable } from '@ply/kit';
import { compareWithReferenceModule, sekoiaCorpusDir } from '@ply/kit/testing';
import plugin from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const referenceDir = join(sekoiaCorpusDir(), 'TheHive');
const reference = (file: string) => JSON.parse(readFileSync(join(referenceDir, file), 'utf8')) as Record<string, unknown>;

describe('TheHive 4 module JSON', () => {
  it('matches the zod definitions (run `ply manifest build` after changing them)', () => {
    const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
    expect(diffModuleFiles(`${root}module`, buildModuleFiles(plugin, version))).toEqual({ changed: [], stale: [] });
  });

  it('has the items table generated from module/*.json (run `ply readme plugins/thehive4`)', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    expect(withItemsTable(readme, `${root}module`)).toBe(readme);
  });

  it("keeps the reference TheHive module's identity, configuration and action", () => {
    const files = buildModuleFiles(plugin, '0.0.0');
    const manifest = JSON.parse(files.get('manifest.json')!) as { uuid: string; slug: string; name: string; configuration: { required: string[]; secrets: string[] } };
    const theirs = reference('manifest.json') as typeof manifest;
    expect([manifest.uuid, manifest.slug, manifest.name]).toEqual([theirs.uuid, theirs.slug, theirs.name]);
    expect(manifest.configuration.required).toEqual(theirs.configuration.required);
    expect(manifest.configuration.secrets).toEqual(['apikey']);
    const action = JSON.parse(files.get('action_create_an_alert_in_the_hive.json')!) as Record<string, unknown>;
    const original = reference('action_create_alert.json');
    expect([action['uuid'], action['slug'], action['name'], action['docker_parameters']]).toEqual([original['uuid'], original['slug'], original['name'], original['docker_parameters']]);
  });

  it('has results at least as wide as the reference, and takes every argument value the reference takes', () => {
    const comparison = compareWithReferenceModule(plugin, referenceDir, ['results', 'arguments']);
    expect([comparison.matched, comparison.narrowings]).toEqual([['action_create_an_alert_in_the_hive.json'], []]);
  });
});
