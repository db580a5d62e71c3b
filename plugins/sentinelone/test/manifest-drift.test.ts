import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareWithReference, packageDrift } from '@ply/kit/testing';
import plugin from '../src/index.js';

describe('the committed package', () => {
  it('has the module JSON and the README items table of its code (run `ply manifest build` then `ply readme`)', () => {
    expect(packageDrift(fileURLToPath(new URL('..', import.meta.url)), plugin)).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it("keeps the reference module's uuids, slugs, names, docker_parameters, arguments, secrets, results and outputs", () => {
    expect(compareWithReference(plugin, 'SentinelOne')).toEqual({
      // The reference declares `files` an object but returns (and documents) a list of `{path}`: Ply declares the list it returns.
      differences: ['action_get_malwares.json (Get malwares from threat) results/properties/files: refuses object values, which the reference accepts'],
      added: [],
    });
  });
});
