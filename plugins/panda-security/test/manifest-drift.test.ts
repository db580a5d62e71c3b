import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareWithReference, packageDrift } from '@ply/kit/testing';
import plugin from '../src/index.js';

describe('the committed package', () => {
  it('has the module JSON and the README items table of its code (run `ply manifest build` then `ply readme`)', () => {
    expect(packageDrift(fileURLToPath(new URL('..', import.meta.url)), plugin)).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it("keeps the reference module's uuids, slugs, names, docker_parameters, arguments, secrets, results and outputs", () => {
    expect(compareWithReference(plugin, 'PandaSecurity')).toEqual({
      // Found by the unified reference comparison when the EDR plugins met the ti-a kit; left for the
      // Panda Security plugin: Get Security Events takes the types 1 to 12 its description lists
      // (the reference's enum also has 13 to 18), and the lists and events are results the plugin
      // always builds itself.
      differences: [
        "action_get_security_events.json (Get Security Events) arguments/properties/type: refuses [13,14,15,16,17,18] among the reference's values",
        ...[
          'action_retrieves_a_list_of_devices_.json (Retrieve Devices)',
          'action_retrieves_a_list_of_managed_configurations_.json (Retrieve Managed Configurations)',
          'action_retrieves_a_list_of_unmanaged_devices_.json (Retrieve unmanaged devices)',
          'action_retrieves_device_protection_status_.json (Retrieve Device Protection Status)',
        ].map((where) => `${where} results/required: requires "data", which the reference does not`),
        'trigger_security_events.json (Fetch Security Events) results/required: requires "events", which the reference does not',
      ],
      added: [],
    });
  });
});
