import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles } from '@ply/core';
import { compareWithReference, packageDrift } from '@ply/kit/testing';
import plugin from '../src/index.js';

describe('the committed package', () => {
  it('has the module JSON and the README items table of its code (run `ply manifest build` then `ply readme`)', () => {
    expect(packageDrift(fileURLToPath(new URL('..', import.meta.url)), plugin)).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it("keeps the reference module's uuids, slugs, names, docker_parameters, outputs, secrets, and arguments and results at least as wide", () => {
    expect(compareWithReference(plugin, 'Mattermost')).toEqual({ differences: [], added: [] });
  });

  it('marks the webhook URL and the Sekoia.io key secret, also where the reference forgot', () => {
    const files = buildModuleFiles(plugin, '0.0.0');
    const alert = JSON.parse(files.get('action_post_alert.json')!) as { arguments: { secrets: string[] } };
    const manifest = JSON.parse(files.get('manifest.json')!) as { configuration: { secrets: string[] } };
    expect([alert.arguments.secrets, manifest.configuration.secrets]).toEqual([['api_key'], ['hook_url']]);
  });
});
