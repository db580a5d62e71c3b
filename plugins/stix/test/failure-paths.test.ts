import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { stixPly } from './stix-harness.js';

const notStix = [{ type: 'indicator', id: 'indicator-without-uuid' }];

describe('every helper refuses bad input before doing anything, naming the fault', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['add_source', { bundle: notStix, source_name: 'SOC' }, 'PLY_INVALID_INPUT', /objects\[0\] \(indicator\) has no valid "id"/],
    ['add_source', { bundle: [], source_name: '' }, 'PLY_ARGUMENTS_INVALID', /source_name/],
    ['add_tags', { bundle: [], tags: [] }, 'PLY_ARGUMENTS_INVALID', /tags/],
    ['create_relationships', { bundle: [] }, 'PLY_INVALID_INPUT', /nothing to create/],
    ['create_relationships', { bundle: [], source_ref: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b58abc', target_types: ['ipv4-addr'] }, 'PLY_INVALID_INPUT', /go together/],
    ['cryptolaemus_to_stix', { feed: '' }, 'PLY_ARGUMENTS_INVALID', /feed/],
    ['cve_to_stix', { cve: [] }, 'PLY_INVALID_INPUT', /no CVE record found/],
    ['filter_bundle', { bundle: notStix, types: ['indicator'] }, 'PLY_INVALID_INPUT', /has no valid "id"/],
    ['json_objects_to_observables', { objects: 'text' }, 'PLY_ARGUMENTS_INVALID', /objects/],
    ['livehunt_notification_to_observables', { notification: { attributes: {} } }, 'PLY_INVALID_INPUT', /names no file/],
    ['misp_to_stix', { event: { Event: { info: 'x', Attribute: {} } } }, 'PLY_INVALID_INPUT', /"Attribute" is not a list/],
    ['observables_to_contextualised_indicators', { bundle: notStix }, 'PLY_INVALID_INPUT', /has no valid "id"/],
    ['observables_to_indicators', { bundle: { type: 'bundle', id: 'bundle--0b6c5e5a-5b2d-4a43-9d6e-4f9b6c2a3d11', objects: notStix } }, 'PLY_INVALID_INPUT', /has no valid "id"/],
    ['remove_orphan_objects', { bundle: notStix }, 'PLY_INVALID_INPUT', /has no valid "id"/],
    ['stix_to_misp', { bundle: notStix }, 'PLY_INVALID_INPUT', /has no valid "id"/],
    ['string_to_observables', { input_string: 'x', types: ['bitcoin'] }, 'PLY_ARGUMENTS_INVALID', /types/],
  ];
  for (const [action, args, code, message] of cases) {
    it(`${action}: ${message.source}`, async () => {
      const { ply } = stixPly();
      const error = await plyErrorOf(ply.run({ action: `stix.${action}`, arguments: args, configuration: {} }));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    });
  }
});
