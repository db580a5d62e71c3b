import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { indexById, isStixIdentifier, makeObservable, referencesOf, type StixBundle } from '../src/model.js';
import { ofType, stixPly } from './stix-harness.js';

const ip = makeObservable('ipv4-addr', { value: '203.0.113.9' });
const domain = makeObservable('domain-name', { value: 'evil.example.com' });
const malware = { type: 'malware', spec_version: '2.1', id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b58abc', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: 'Emotet', is_family: true };
const bundle = { type: 'bundle', id: 'bundle--0b6c5e5a-5b2d-4a43-9d6e-4f9b6c2a3d11', objects: [ip, domain, malware] };

describe('bundle helpers through the executor', () => {
  it('add_source creates one identity and credits every domain object, keeping existing credits unless told', async () => {
    const { run } = stixPly();
    const credited = { ...malware, id: 'malware--41b940d4-6f7f-459a-80ea-9c1f17b58abc', created_by_ref: 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5' };
    const { bundle: out } = await run('add_source', { bundle: { ...bundle, objects: [...bundle.objects, credited] }, source_name: 'CERT-EU' });
    const [identity] = ofType(out, 'identity');
    expect(identity).toMatchObject({ name: 'CERT-EU', identity_class: 'organization', spec_version: '2.1' });
    const byId = indexById((out as StixBundle).objects);
    expect(byId.get(malware.id)!['created_by_ref']).toBe(identity!.id);
    expect(byId.get(credited.id)!['created_by_ref']).toBe('identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5');
    expect(byId.get(ip.id)!['created_by_ref']).toBeUndefined();
    const { bundle: again } = await run('add_source', { bundle: out, source_name: 'CERT-EU', overwrite: true });
    expect(ofType(again, 'identity')).toHaveLength(1);
    expect(indexById((again as StixBundle).objects).get(credited.id)!['created_by_ref']).toBe(identity!.id);
  });

  it('add_tags adds each label once, to the chosen types only', async () => {
    const { run } = stixPly();
    const indicator = { ...malware, type: 'indicator', id: 'indicator--51b940d4-6f7f-459a-80ea-9c1f17b58abc', pattern: "[ipv4-addr:value = '203.0.113.9']", pattern_type: 'stix', valid_from: '2024-01-01T00:00:00.000Z', labels: ['tlp:amber'] };
    const { bundle: out } = await run('add_tags', { bundle: [...bundle.objects, indicator], tags: ['tlp:amber', 'emotet'], types: ['indicator'] });
    const byId = indexById((out as StixBundle).objects);
    expect(byId.get(indicator.id)!['labels']).toEqual(['tlp:amber', 'emotet']);
    expect(byId.get(malware.id)!['labels']).toBeUndefined();
    expect(byId.get(ip.id)!['labels']).toBeUndefined();
  });

  it('create_relationships links existing objects, and refuses an end missing from the bundle', async () => {
    const { run, ply } = stixPly();
    const { bundle: out } = await run('create_relationships', { bundle, source_ref: malware.id, relationship_type: 'communicates-with', target_types: ['ipv4-addr', 'domain-name'] });
    const relationships = ofType(out, 'relationship');
    expect(relationships.map((r) => [r['source_ref'], r['relationship_type'], r['target_ref']])).toEqual([
      [malware.id, 'communicates-with', ip.id],
      [malware.id, 'communicates-with', domain.id],
    ]);
    for (const relationship of relationships) expect(relationship).toMatchObject({ spec_version: '2.1', created: expect.stringMatching(/\.\d{3}Z$/) });
    const error = await plyErrorOf(ply.run({ action: 'stix.create_relationships', configuration: {}, arguments: { bundle, relationships: [{ source_ref: malware.id, relationship_type: 'uses', target_ref: 'tool--6b1c5e5a-5b2d-4a43-9d6e-4f9b6c2a3d11' }] } }));
    expect(error.code).toBe('PLY_INVALID_INPUT');
    expect(error.message).toContain('target_ref "tool--6b1c5e5a-5b2d-4a43-9d6e-4f9b6c2a3d11" is not an object of the bundle');
    const badType = await plyErrorOf(ply.run({ action: 'stix.create_relationships', configuration: {}, arguments: { bundle, relationships: [{ source_ref: malware.id, relationship_type: 'Uses It', target_ref: ip.id }] } }));
    expect(badType.code).toBe('PLY_ARGUMENTS_INVALID');
  });

  it('filter_bundle keeps types and property values, with what they refer to when asked', async () => {
    const { run } = stixPly();
    const relationship = { type: 'relationship', spec_version: '2.1', id: 'relationship--61b940d4-6f7f-459a-80ea-9c1f17b58abc', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', relationship_type: 'communicates-with', source_ref: malware.id, target_ref: ip.id };
    const input = [...bundle.objects, relationship];
    const { bundle: onlyIps } = await run('filter_bundle', { bundle: input, types: ['ipv4-addr'] });
    expect((onlyIps as StixBundle).objects.map((o) => o.id)).toEqual([ip.id]);
    const { bundle: byValue } = await run('filter_bundle', { bundle: input, properties: { value: ['evil.example.com', 'nothing'] } });
    expect((byValue as StixBundle).objects.map((o) => o.id)).toEqual([domain.id]);
    const { bundle: closed } = await run('filter_bundle', { bundle: input, types: ['relationship'], keep_referenced: true });
    const ids = new Set((closed as StixBundle).objects.map((o) => o.id));
    expect(ids).toEqual(new Set([relationship.id, malware.id, ip.id]));
  });

  it('remove_orphan_objects drops dangling relationships and references, then what is linked to nothing', async () => {
    const { run } = stixPly();
    const dangling = { type: 'relationship', spec_version: '2.1', id: 'relationship--71b940d4-6f7f-459a-80ea-9c1f17b58abc', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', relationship_type: 'uses', source_ref: malware.id, target_ref: 'tool--6b1c5e5a-5b2d-4a43-9d6e-4f9b6c2a3d11' };
    const linked = { type: 'relationship', spec_version: '2.1', id: 'relationship--81b940d4-6f7f-459a-80ea-9c1f17b58abc', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', relationship_type: 'communicates-with', source_ref: malware.id, target_ref: ip.id };
    const report = { type: 'report', spec_version: '2.1', id: 'report--91b940d4-6f7f-459a-80ea-9c1f17b58abc', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', name: 'r', published: '2024-01-01T00:00:00.000Z', object_refs: [malware.id, 'campaign--a1b940d4-6f7f-459a-80ea-9c1f17b58abc'] };
    const { bundle: out } = await run('remove_orphan_objects', { bundle: [ip, domain, malware, dangling, linked, report] });
    const objects = (out as StixBundle).objects;
    expect(objects.map((o) => o.id).sort()).toEqual([ip.id, malware.id, linked.id, report.id].sort());
    const byId = indexById(objects);
    expect(byId.get(report.id)!['object_refs']).toEqual([malware.id]);
    for (const object of objects) for (const ref of referencesOf(object)) expect(byId.has(ref)).toBe(true);
  });

  it('reads the bundle from bundle_path and writes a large result to bundle_path', async () => {
    const { run, writeInput, dataDir } = stixPly({ largeValueBytes: 200 });
    const results = await run('add_tags', { bundle_path: writeInput('input.json', bundle), tags: ['x'] });
    expect(results['bundle']).toBeUndefined();
    const written = JSON.parse(readFileSync(join(dataDir, results['bundle_path'] as string), 'utf8')) as StixBundle;
    expect(isStixIdentifier(written.id, 'bundle')).toBe(true);
    expect(indexById(written.objects).get(malware.id)!['labels']).toEqual(['x']);
  });

  it('refuses what is not STIX, naming the object at fault, and a missing bundle file', async () => {
    const { ply } = stixPly();
    const badId = await plyErrorOf(ply.run({ action: 'stix.add_tags', configuration: {}, arguments: { bundle: [ip, { type: 'malware', id: 'malware-1' }], tags: ['x'] } }));
    expect(badId.code).toBe('PLY_INVALID_INPUT');
    expect(badId.message).toContain('objects[1] (malware) has no valid "id"');
    const missing = await plyErrorOf(ply.run({ action: 'stix.add_tags', configuration: {}, arguments: { bundle_path: 'nowhere.json', tags: ['x'] } }));
    expect(missing.code).toBe('PLY_FILE_REFERENCE_INVALID');
    const notBundle = await plyErrorOf(ply.run({ action: 'stix.add_tags', configuration: {}, arguments: { bundle: { type: 'report' }, tags: ['x'] } }));
    expect(notBundle.code).toBe('PLY_ARGUMENTS_INVALID');
  });
});
