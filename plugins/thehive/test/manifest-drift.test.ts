import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles, diffModuleFiles } from '@ply/core';
import plugin from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('committed module JSON', () => {
  it('matches the zod definitions (run `ply manifest build` after changing them)', () => {
    const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string };
    expect(diffModuleFiles(`${root}/module`, buildModuleFiles(plugin, version))).toEqual({ changed: [], stale: [] });
  });

  it('keeps the reference uuids, slugs and docker_parameters of Sekoia.io TheHiveV5, with apikey secret', () => {
    const files = buildModuleFiles(plugin, '1.0.0');
    const item = (file: string) => JSON.parse(files.get(file)!) as Record<string, unknown>;
    const create = item('action_create_an_alert_in_the_hive_v5.json');
    const observable = item('action_add_an_observable_in_the_hive_v5.json');
    expect([create['uuid'], create['docker_parameters']]).toEqual(['366a9bed-e124-4ad2-9498-acc54a285eba', 'thehive_create_alert']);
    expect([observable['uuid'], observable['docker_parameters']]).toEqual(['5d651e49-b0b8-44c8-aaef-8f02cb833a82', 'thehive_add_observable']);
    expect(item('action_get_an_alert_in_the_hive_v5.json')['docker_parameters']).toBe('thehive_get_alert');
    const manifest = item('manifest.json') as { uuid: string; slug: string; configuration: { secrets: string[]; required: string[] } };
    expect([manifest.uuid, manifest.slug]).toEqual(['d6c96586-707c-451f-b9f6-d31b3291f87d', 'thehivev5']);
    expect(manifest.configuration.secrets).toEqual(['apikey']);
    expect(manifest.configuration.required).toEqual(['base_url', 'apikey']);
  });
});
