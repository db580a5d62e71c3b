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
    // Export's format and layout are lists here: the reference's code refused any other value
    // (pydantic validators on gdetect's EXPORT_FORMATS and EXPORT_LAYOUTS), its schema did not say so.
    expect(compareWithReferenceModule(plugin, 'Glimps')).toEqual({
      differences: [
        'action_export_analysis_result.json (Export analysis result) arguments/properties/format: allows only ["misp","stix","json","pdf","markdown","csv"] (the reference has no such list)',
        'action_export_analysis_result.json (Export analysis result) arguments/properties/layout: allows only ["en","fr"] (the reference has no such list)',
      ],
      added: [],
    });
  });

  it('has the items table generated from module/*.json (run `ply readme plugins/glimps`)', () => {
    expect(readmeTableIsCurrent(root)).toBe(true);
  });
});
