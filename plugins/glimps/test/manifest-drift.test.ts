import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareWithReference, packageDrift } from '@ply/kit/testing';
import plugin from '../src/index.js';

describe('the committed package', () => {
  it('has the module JSON and the README items table of its code (run `ply manifest build` then `ply readme`)', () => {
    expect(packageDrift(fileURLToPath(new URL('..', import.meta.url)), plugin)).toEqual({ changed: [], stale: [], readme: 'up to date' });
  });

  it("keeps the reference module's uuids, slugs, names, docker_parameters, outputs and secrets, with schemas at least as wide", () => {
    expect(compareWithReference(plugin, 'Glimps')).toEqual({
      // Export's format and layout are lists here: the reference's code refused any other value
      // (pydantic validators on gdetect's EXPORT_FORMATS and EXPORT_LAYOUTS), its schema did not say so.
      differences: [
        'action_export_analysis_result.json (Export analysis result) arguments/properties/format: allows only ["misp","stix","json","pdf","markdown","csv"] (the reference has no such list)',
        'action_export_analysis_result.json (Export analysis result) arguments/properties/layout: allows only ["en","fr"] (the reference has no such list)',
      ],
      added: [],
    });
  });
});
