import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles } from '@ply/core';
import { compareWithReference, packageDrift } from '@ply/kit/testing';
import plugin from '../src/index.js';

describe('the committed package', () => {
  it('has the module JSON of its code (run `ply manifest build`)', () => {
    expect(packageDrift(fileURLToPath(new URL('..', import.meta.url)), plugin)).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it("keeps the reference module's uuids, slugs, names, docker_parameters, outputs, secrets, and arguments and results at least as wide", () => {
    // Acknowledge and Resolve are Ply's own (their uuids are in the README).
    expect(compareWithReference(plugin, 'PagerDuty')).toEqual({
      differences: [],
      added: ['acknowledge_alert (c0e82787-f57f-4308-bcd2-16ba9a8fca0f)', 'resolve_alert (358c9d13-1f54-44cc-b02b-9813be9f517d)'],
    });
  });

  it('marks both keys secret and adds only Acknowledge and Resolve to the reference items', () => {
    const files = buildModuleFiles(plugin, '0.0.0');
    const trigger = JSON.parse(files.get('action_trigger_alert.json')!) as { arguments: { secrets: string[] } };
    const manifest = JSON.parse(files.get('manifest.json')!) as { configuration: { secrets: string[] } };
    expect([trigger.arguments.secrets, manifest.configuration.secrets]).toEqual([['api_key'], ['integration_key']]);
    expect([...files.keys()].sort()).toEqual(['action_acknowledge_alert.json', 'action_resolve_alert.json', 'action_trigger_alert.json', 'manifest.json']);
  });
});
