import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModuleFiles } from '@ply/core';
import { compareWithReference, packageDrift } from '@ply/kit/testing';
import plugin from '../src/index.js';

describe('the committed package', () => {
  it('has the module JSON and the README items table of its code (run `ply manifest build` then `ply readme`)', () => {
    expect(packageDrift(fileURLToPath(new URL('..', import.meta.url)), plugin)).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it("keeps the reference module's uuids, slugs, names, docker_parameters, arguments, secrets, results and outputs", () => {
    const built = 'the run builds this result itself, always with it';
    const bounded = 'a chunk of 0 events or a poll every 0 s would spin: refused with a clear error';
    expect(
      compareWithReference(plugin, 'MicrosoftEntraID', {
        deliberate: {
          'action_get_user_authentication_methods.json: results/authenticationResults': built,
          'action_reset_user_password_v2.json: results/newPassword': built,
          'connector_entra_id_assets.json: arguments/asset_connector_uuid': 'Sekoia.io fills it for its own connectors; in Ply the playbook gives it, and without it the assets have nowhere to go',
          'connector_entraid_graph_api.json: arguments/chunk_size': bounded,
          'connector_entraid_graph_api.json: arguments/frequency': bounded,
          'trigger_entraid_graph_api.json: arguments/chunk_size': bounded,
          'trigger_entraid_graph_api.json: arguments/frequency': bounded,
        },
      }),
    ).toEqual([]);
  });

  it('marks the ROPC password secret too (the reference forgot it) and asks the v2 reset for an id or a principal name', () => {
    const files = buildModuleFiles(plugin, '1.0.0');
    const configuration = (JSON.parse(files.get('manifest.json')!) as { configuration: { secrets: string[]; required: string[] } }).configuration;
    expect([configuration.secrets, configuration.required]).toEqual([['client_secret', 'password'], ['tenant_id']]);
    const v2 = JSON.parse(files.get('action_reset_user_password_v2.json')!) as { arguments: { oneOf: unknown } };
    expect(v2.arguments.oneOf).toEqual([{ required: ['id'] }, { required: ['userPrincipalName'] }]);
  });
});
