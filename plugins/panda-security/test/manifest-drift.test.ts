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
      // Results the plugin builds itself, always with these fields.
      differences: [
        'action_retrieves_a_list_of_devices_.json (Retrieve Devices) results/required: requires "data", which the reference does not',
        'action_retrieves_a_list_of_managed_configurations_.json (Retrieve Managed Configurations) results/required: requires "data", which the reference does not',
        'action_retrieves_a_list_of_unmanaged_devices_.json (Retrieve unmanaged devices) results/required: requires "data", which the reference does not',
        'action_retrieves_device_protection_status_.json (Retrieve Device Protection Status) results/required: requires "data", which the reference does not',
        'trigger_security_events.json (Fetch Security Events) results/required: requires "events", which the reference does not',
      ],
      added: [],
    });
  });
});
