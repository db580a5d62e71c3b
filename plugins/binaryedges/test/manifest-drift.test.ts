import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareWithReferenceModule, moduleFileDrift, readmeTableIsCurrent } from '@ply/kit/testing';
import plugin from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('committed module JSON and README', () => {
  it('matches the zod definitions (run `ply manifest build` after changing them)', () => {
    expect(moduleFileDrift(root, plugin)).toEqual({ changed: [], stale: [] });
  });

  it("keeps the Sekoia.io module's uuids, slugs, names, docker_parameters, outputs and secrets, with schemas at least as wide", () => {
    expect(compareWithReferenceModule(plugin, 'BinaryEdges')).toEqual({ differences: [], added: [] });
  });

  it('has the items table generated from module/*.json (run `ply readme plugins/binaryedges`)', () => {
    expect(readmeTableIsCurrent(root)).toBe(true);
  });
});
