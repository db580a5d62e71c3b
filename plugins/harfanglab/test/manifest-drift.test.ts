import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareWithReference, packageDrift } from '@ply/kit/testing';
import plugin from '../src/index.js';

describe('the committed package', () => {
  it('has the module JSON and the README items table of its code (run `ply manifest build` then `ply readme`)', () => {
    expect(packageDrift(fileURLToPath(new URL('..', import.meta.url)), plugin)).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it("keeps the reference module's uuids, slugs, names, docker_parameters, arguments, secrets, results and outputs", () => {
    // The reference gives List named pipes v2 the slug of the deprecated item; slugs are unique per kind here (see the README).
    expect(compareWithReference(plugin, 'HarfangLab')).toEqual({
      differences: [
        // Results the plugin builds itself, always with these fields.
        'action_harfanglab_get_agent_telemetry.json (Get agent telemetry) results/required: requires "data", which the reference does not',
        'action_harfanglab_gethostnamesbyip.json (Hostname by IP) results/properties/hostnames/items/required: requires "hostname", which the reference does not',
        // The reference gives the deprecated and the v2 pipe listings the same slug; two items cannot share one (README).
        'action_harfanglab_getpipelist_v2.json (List named pipes): slug "list_named_pipes_v2" instead of "list_named_pipes"',
      ],
      added: [],
    });
  });
});
