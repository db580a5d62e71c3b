import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareWithReference, packageDrift } from '@ply/kit/testing';
import plugin from '../src/index.js';

describe('the committed package', () => {
  it('has the module JSON and the README items table of its code (run `ply manifest build` then `ply readme`)', () => {
    expect(packageDrift(fileURLToPath(new URL('..', import.meta.url)), plugin)).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it("keeps the reference module's uuids, slugs, names, docker_parameters, outputs, secrets, and arguments and results at least as wide", () => {
    // Get an alert is Ply's own (its uuid is in the README).
    expect(compareWithReference(plugin, 'TheHiveV5')).toEqual({ differences: [], added: ['get_an_alert_in_the_hive_v5 (1459c303-1146-4d73-b039-656c1894ecca)'] });
  });
});
