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
    expect(compareWithReference(plugin, 'MicrosoftEntraID')).toEqual({
      // The plugin's own departures, found by the kit's schema comparison: results it always builds
      // itself (so requiring them checks the plugin, not Graph), and the asset connector's uuid the
      // asset API's URL needs (Sekoia's platform filled it in; Ply has no platform to do so).
      differences: [
        'action_get_user_authentication_methods.json (Get User Authentication Methods) results/required: requires "authenticationResults", which the reference does not',
        'action_reset_user_password_v2.json (Reset User Password) results/required: requires "newPassword", which the reference does not',
        'connector_entra_id_assets.json (Microsoft Entra ID Users) arguments/required: requires "asset_connector_uuid", which the reference does not',
        'trigger_entraid_graph_api.json (Fetch new events from Microsoft EntraId Graph API) results/required: requires "records", which the reference does not',
      ],
      added: [],
    });
  });

  it('marks the ROPC password secret too (the reference forgot it) and asks the v2 reset for an id or a principal name', () => {
    const files = buildModuleFiles(plugin, '1.0.0');
    const configuration = (JSON.parse(files.get('manifest.json')!) as { configuration: { secrets: string[]; required: string[] } }).configuration;
    expect([configuration.secrets, configuration.required]).toEqual([['client_secret', 'password'], ['tenant_id']]);
    const v2 = JSON.parse(files.get('action_reset_user_password_v2.json')!) as { arguments: { oneOf: unknown } };
    expect(v2.arguments.oneOf).toEqual([{ required: ['id'] }, { required: ['userPrincipalName'] }]);
  });
});
