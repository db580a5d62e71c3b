import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareWithReference, packageDrift } from '@ply/kit/testing';
import plugin from '../src/index.js';

describe('the committed package', () => {
  it('has the module JSON and the README items table of its code (run `ply manifest build` then `ply readme`)', () => {
    expect(packageDrift(fileURLToPath(new URL('..', import.meta.url)), plugin)).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it("keeps the reference module's uuids, slugs, names, docker_parameters, outputs and secrets, with schemas at least as wide", () => {
    expect(compareWithReference(plugin, 'Virustotal')).toEqual({
      // verdict is Ply's own result, always set by the plugin: the output each scan selects.
      differences: ['action_virustotal_scanfile.json (Scan File)', 'action_virustotal_scanhash.json (Scan Hash)', 'action_virustotal_scanurl.json (Scan URL)'].map(
        (where) => `${where} results/required: requires "verdict", which the reference does not`,
      ),
      added: [],
    });
  });
});
