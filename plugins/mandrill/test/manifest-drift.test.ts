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

  it('keeps the reference uuids, slugs and docker_parameters of Sekoia.io Mandrill, with apikey secret', () => {
    const files = buildModuleFiles(plugin, '1.0.0');
    const send = JSON.parse(files.get('action_send_message.json')!) as Record<string, unknown>;
    expect([send['uuid'], send['slug'], send['docker_parameters']]).toEqual(['cb61842a-e09f-417d-acdf-34c818c61c87', 'send_message', 'mandrill_send']);
    expect((send['arguments'] as { required: string[] }).required).toEqual(['message']);
    const manifest = JSON.parse(files.get('manifest.json')!) as { uuid: string; slug: string; configuration: { secrets: string[] } };
    expect([manifest.uuid, manifest.slug]).toEqual(['bc2699a6-93e5-4d74-816d-4186d6eb3ce8', 'mandrill']);
    expect(manifest.configuration.secrets).toEqual(['apikey']);
  });
});
