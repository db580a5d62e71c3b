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

  it('keeps the reference uuids, slugs and docker_parameters of Sekoia.io PagerDuty, with both keys secret', () => {
    const files = buildModuleFiles(plugin, '1.0.0');
    const trigger = JSON.parse(files.get('action_trigger_alert.json')!) as Record<string, unknown>;
    expect([trigger['uuid'], trigger['slug'], trigger['docker_parameters']]).toEqual(['34e0bd73-a7d2-426a-b9fd-21b1124bb395', 'trigger_alert', 'pagerduty_trigger_alert']);
    expect((trigger['arguments'] as { required: string[]; secrets: string[] }).required).toEqual(['alert_uuid', 'api_key', 'base_url']);
    expect((trigger['arguments'] as { secrets: string[] }).secrets).toEqual(['api_key']);
    const manifest = JSON.parse(files.get('manifest.json')!) as { uuid: string; slug: string; configuration: { secrets: string[] } };
    expect([manifest.uuid, manifest.slug]).toEqual(['97864342-32c5-4076-b590-ba0179db9233', 'pagerduty']);
    expect(manifest.configuration.secrets).toEqual(['integration_key']);
    expect([...files.keys()].sort()).toEqual(['action_acknowledge_alert.json', 'action_resolve_alert.json', 'action_trigger_alert.json', 'manifest.json']);
  });
});
