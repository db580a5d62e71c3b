import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles, diffModuleFiles } from '@ply/core';
import { withItemsTable } from '@ply/kit';
import { sekoiaCorpusDir } from '@ply/kit/testing';
import plugin from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const reference = (file: string) => JSON.parse(readFileSync(`${sekoiaCorpusDir()}/MicrosoftEntraID/${file}`, 'utf8')) as Record<string, unknown>;
const ours = (files: Map<string, string>, file: string) => JSON.parse(files.get(file)!) as Record<string, unknown>;

/** Each of our item files and the reference file it reimplements. */
const ITEMS: Array<[string, string]> = [
  ['action_get_user.json', 'action_get_user.json'],
  ['action_enable_user.json', 'action_enable_user.json'],
  ['action_disable_user.json', 'action_disable_user.json'],
  ['action_get_signins.json', 'action_get_signins.json'],
  ['action_get_user_authentication_methods.json', 'action_get_user_authentication_methods.json'],
  ['action_revoke_sign_in.json', 'action_revoke_signin.json'],
  ['action_reset_user_password.json', 'action_reset_user_password.json'],
  ['action_reset_user_password_v2.json', 'action_reset_user_password_v2.json'],
  ['action_delete_app.json', 'action_delete_app.json'],
  ['trigger_entraid_graph_api.json', 'trigger_entraid_graph_api.json'],
  ['connector_entraid_graph_api.json', 'connector_entraid_graph_api.json'],
  ['connector_entra_id_assets.json', 'connector_entra_id_assets.json'],
];

describe('committed module JSON', () => {
  it('matches the zod definitions (run `ply manifest build` after changing them)', () => {
    const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
    expect(diffModuleFiles(`${root}module`, buildModuleFiles(plugin, version))).toEqual({ changed: [], stale: [] });
  });

  it("keeps the reference module's uuid, slug, name and secrets, and every item's uuid, name, docker_parameters and arguments", () => {
    const files = buildModuleFiles(plugin, '1.0.0');
    const manifest = ours(files, 'manifest.json');
    const expected = reference('manifest.json');
    expect([manifest['uuid'], manifest['slug'], manifest['name']]).toEqual([expected['uuid'], expected['slug'], expected['name']]);
    const configuration = manifest['configuration'] as { secrets: string[]; required: string[]; properties: Record<string, unknown> };
    expect([configuration.secrets, configuration.required]).toEqual([['client_secret', 'password'], ['tenant_id']]);
    expect(Object.keys(configuration.properties)).toEqual(expect.arrayContaining(Object.keys((expected['configuration'] as { properties: object }).properties)));
    expect(files.size).toBe(ITEMS.length + 1);
    for (const [mine, theirs] of ITEMS) {
      const item = ours(files, mine);
      const original = reference(theirs);
      expect([item['uuid'], item['name'], item['docker_parameters']], mine).toEqual([original['uuid'], original['name'], original['docker_parameters']]);
      if (original['slug']) expect(item['slug'], mine).toBe(original['slug']);
      const args = item['arguments'] as { properties: Record<string, unknown>; required?: string[] };
      const originalArgs = original['arguments'] as { properties: Record<string, unknown>; required?: string[] };
      expect(Object.keys(args.properties), mine).toEqual(expect.arrayContaining(Object.keys(originalArgs.properties)));
      for (const key of originalArgs.required ?? []) expect(args.required, mine).toContain(key);
    }
    expect((ours(files, 'action_reset_user_password_v2.json')['arguments'] as { oneOf: unknown }).oneOf).toEqual([{ required: ['id'] }, { required: ['userPrincipalName'] }]);
  });
});

describe('README', () => {
  it('has the items table generated from module/*.json (run `ply readme plugins/azure-ad` after a manifest build)', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    expect(withItemsTable(readme, `${root}module`)).toBe(readme);
  });
});
