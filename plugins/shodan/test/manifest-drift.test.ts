import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareWithReference, packageDrift } from '@ply/kit/testing';
import plugin from '../src/index.js';

describe('the committed package', () => {
  it('has the module JSON and the README items table of its code (run `ply manifest build` then `ply readme`)', () => {
    expect(packageDrift(fileURLToPath(new URL('..', import.meta.url)), plugin)).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it("keeps the reference module's uuids, slugs, names, docker_parameters, arguments, secrets, results and outputs", () => {
    const facets = 'Shodan answers every facet as a list of {count, value} (https://developer.shodan.io/api, /shodan/host/count)';
    expect(
      compareWithReference(plugin, 'Shodan', {
        deliberate: {
          'action_get_shodan_host_count.json: results/facets/*': facets,
          'action_get_shodan_host_search.json: results/facets/*': facets,
          'action_get_shodan_host_search.json: arguments/max_pages': 'fewer than one page is no search: refused with a clear error',
        },
      }),
    ).toEqual([]);
  });
});
