import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles, diffModuleFiles } from '@ply/core';
import { withItemsTable } from '@ply/kit';
import { compareWithReferenceModule, sekoiaCorpusDir } from '@ply/kit/testing';
import plugin from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const referenceDir = join(sekoiaCorpusDir(), 'Mattermost');

describe('Mattermost module JSON', () => {
  it('matches the zod definitions (run `ply manifest build` after changing them)', () => {
    const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
    expect(diffModuleFiles(`${root}module`, buildModuleFiles(plugin, version))).toEqual({ changed: [], stale: [] });
  });

  it('has the items table generated from module/*.json (run `ply readme plugins/mattermost`)', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    expect(withItemsTable(readme, `${root}module`)).toBe(readme);
  });

  it('keeps the reference uuids, slugs and docker_parameters, with the webhook URL and the Sekoia.io key secret', () => {
    const files = buildModuleFiles(plugin, '1.0.0');
    const message = JSON.parse(files.get('action_post_message.json')!) as Record<string, unknown>;
    const alert = JSON.parse(files.get('action_post_alert.json')!) as Record<string, unknown>;
    expect([message['uuid'], message['docker_parameters']]).toEqual(['e682ce5e-57aa-49b0-aace-9849448b2082', 'mattermost_post_message']);
    expect([alert['uuid'], alert['docker_parameters']]).toEqual(['ef3794ca-b5fa-4cee-af3f-fd5ffac01c88', 'mattermost_post_alert']);
    expect((alert['arguments'] as { secrets: string[] }).secrets).toEqual(['api_key']);
    const manifest = JSON.parse(files.get('manifest.json')!) as { uuid: string; configuration: { secrets: string[] } };
    expect([manifest.uuid, manifest.configuration.secrets]).toEqual(['89c860f0-3e73-4946-a5c9-431deb33b0e8', ['hook_url']]);
  });

  it('has results at least as wide as the reference, and takes every argument value the reference takes', () => {
    const comparison = compareWithReferenceModule(plugin, referenceDir, ['results', 'arguments']);
    expect([comparison.matched.length, comparison.narrowings]).toEqual([2, []]);
  });
});
