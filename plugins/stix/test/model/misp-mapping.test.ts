import { describe, expect, it } from 'vitest';
import {
  MISP_ATTRIBUTE_MAPPINGS,
  indexById,
  isStixIdentifier,
  isStixTimestamp,
  isValidPattern,
  mispEventToStix,
  referencesOf,
  stixToMispEvent,
  type MispAttribute,
  type MispEvent,
  type StixObject,
} from '../../src/model.js';

// Values from misp-stix's documented examples (documentation/mapping/misp_attributes_to_stix21.json).
const SAMPLE_VALUES: Record<string, string> = {
  'ip-src': '1.2.3.4',
  'ip-dst': '2001:db8::5',
  'ip-src|port': '1.2.3.4|1234',
  'ip-dst|port': '5.6.7.8|5678',
  domain: 'circl.lu',
  hostname: 'www.circl.lu',
  'domain|ip': 'circl.lu|149.13.33.14',
  url: 'https://vm.misp-project.org/latest/',
  link: 'https://misp-project.org/download/',
  uri: 'https://vm.misp-project.org/latest/MISP_v2.4.155@ca03678.ova',
  email: 'address@email.test',
  'email-src': 'src@email.test',
  'email-dst': 'dst@email.test',
  'email-subject': "It's a test subject",
  'email-message-id': '1234',
  filename: 'test_file_name',
  'size-in-bytes': '1234',
  AS: '174',
  'mac-address': '12:34:56:78:90:ab',
  mutex: 'MutexTest',
  regkey: 'HKLM\\Software\\mthjk',
  'x509-fingerprint-md5': '8764605c6f388c89096b534d33565802',
  'x509-fingerprint-sha1': '46aba99aa7158e4609aaa72b50990842fd22ae86',
  'x509-fingerprint-sha256': 'ec5aedf5ecc6bdadd4120932170d1b10f6cfa175cfda22951dfd882928ab279b',
  'github-username': 'chrisr3d',
  port: '8443',
  'user-agent': 'Mozilla Firefox',
  'http-method': 'POST',
};
const HASH = '7fa3abc229fd3cb9a0a6f07d9da15e35528c630d0ad5902d5422b305cae7eaa4';

function sampleValue(type: string): string {
  if (SAMPLE_VALUES[type] !== undefined) return SAMPLE_VALUES[type];
  if (type.startsWith('filename|')) return `filename1|${HASH}`;
  return HASH;
}

function uuid(n: number): string {
  return `518b4bcb-a86b-4783-9457-${String(n).padStart(12, '0')}`;
}

function sampleEvent(): MispEvent {
  const attributes: MispAttribute[] = [];
  let n = 0;
  for (const type of Object.keys(MISP_ATTRIBUTE_MAPPINGS)) {
    for (const toIds of [true, false]) {
      n += 1;
      attributes.push({ uuid: uuid(n), type, category: 'Network activity', value: sampleValue(type), to_ids: toIds, comment: `${type} ${toIds}`, timestamp: '1603642920', Tag: [{ name: 'tlp:green' }] });
    }
  }
  attributes.push({ uuid: uuid(900), type: 'yara', category: 'Payload installation', value: 'rule x { condition: true }', to_ids: true, timestamp: '1603642920' });
  attributes.push({ uuid: uuid(901), type: 'vulnerability', category: 'External analysis', value: 'CVE-2017-11774', to_ids: false, timestamp: '1603642920' });
  attributes.push({ uuid: uuid(902), type: 'campaign-name', category: 'Attribution', value: 'MartyMcFly', to_ids: false, timestamp: '1603642920' });
  attributes.push({ uuid: uuid(903), type: 'btc', category: 'Financial fraud', value: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', to_ids: true, timestamp: '1603642920' });
  return {
    uuid: 'a0c22599-9e58-4da4-96ac-7051603fa951',
    info: 'MISP-STIX-Converter test event',
    date: '2020-10-25',
    threat_level_id: '1',
    analysis: '2',
    distribution: '1',
    published: true,
    timestamp: '1603642920',
    Orgc: { uuid: 'a0c22599-9e58-4da4-96ac-7051603fa952', name: 'MISP-Project' },
    Tag: [{ name: 'tlp:white' }],
    Attribute: attributes,
    Object: [
      {
        uuid: uuid(950),
        name: 'file',
        'meta-category': 'file',
        Attribute: [
          { type: 'filename', object_relation: 'filename', value: 'oui', to_ids: true },
          { type: 'md5', object_relation: 'md5', value: '8764605c6f388c89096b534d33565802', to_ids: true },
          { type: 'size-in-bytes', object_relation: 'size-in-bytes', value: '35', to_ids: false },
        ],
      },
      {
        uuid: uuid(951),
        name: 'domain-ip',
        'meta-category': 'network',
        Attribute: [
          { type: 'domain', object_relation: 'domain', value: 'circl.lu', to_ids: false },
          { type: 'ip-dst', object_relation: 'ip', value: '149.13.33.14', to_ids: false },
          { type: 'ip-dst', object_relation: 'ip', value: '149.13.33.15', to_ids: false },
        ],
      },
      { uuid: uuid(952), name: 'bank-account', 'meta-category': 'financial', Attribute: [{ type: 'iban', object_relation: 'iban', value: 'LU28001', to_ids: false }] },
    ],
  };
}

const essentials = (attribute: MispAttribute) => ({ uuid: attribute.uuid, type: attribute.type, value: attribute.value, category: attribute.category, to_ids: attribute.to_ids, comment: attribute.comment, tags: attribute.Tag?.map((t) => t.name) });
const objectEssentials = (object: { name: string; uuid?: string; Attribute: MispAttribute[] }) => ({ name: object.name, uuid: object.uuid, attributes: object.Attribute.map((a) => [a.object_relation, a.type, a.value]).sort() });

describe('MISP event → STIX 2.1 bundle', () => {
  it('writes a valid bundle: identifiers, spec_version, millisecond UTC timestamps, valid patterns, no dangling reference', () => {
    const bundle = mispEventToStix({ Event: sampleEvent() });
    expect(bundle.type).toBe('bundle');
    expect(isStixIdentifier(bundle.id, 'bundle')).toBe(true);
    const byId = indexById(bundle.objects);
    expect(byId.size).toBe(bundle.objects.length);
    for (const object of bundle.objects) {
      expect(isStixIdentifier(object.id, object.type), object.id).toBe(true);
      expect(object.spec_version).toBe('2.1');
      for (const key of ['created', 'modified', 'valid_from', 'first_observed', 'last_observed', 'published']) {
        if (object[key] !== undefined) expect(isStixTimestamp(object[key]) && /\.\d{3}Z$/.test(object[key] as string), `${object.id} ${key}`).toBe(true);
      }
      if (object.type === 'indicator' && object['pattern_type'] === 'stix') expect(isValidPattern(object['pattern'] as string), object['pattern'] as string).toBe(true);
      for (const ref of referencesOf(object)) expect(byId.has(ref), `${object.id} → ${ref}`).toBe(true);
    }
  });

  it('maps attributes as misp-stix documents: indicator patterns, observables and labels', () => {
    const bundle = mispEventToStix(sampleEvent());
    const byId = indexById(bundle.objects);
    const indicator = byId.get(`indicator--${uuid(3)}`)!; // ip-dst, to_ids
    expect(indicator['pattern']).toBe("[network-traffic:dst_ref.type = 'ipv6-addr' AND network-traffic:dst_ref.value = '2001:db8::5']");
    expect(indicator['labels']).toEqual(['misp:type="ip-dst"', 'misp:category="Network activity"', 'tlp:green']);
    expect(indicator['kill_chain_phases']).toEqual([{ kill_chain_name: 'misp-category', phase_name: 'Network activity' }]);
    const observed = byId.get(`observed-data--${uuid(4)}`)!;
    const [ip, traffic] = (observed['object_refs'] as string[]).map((ref) => byId.get(ref)!);
    expect(ip).toMatchObject({ type: 'ipv6-addr', value: '2001:db8::5' });
    expect(traffic).toMatchObject({ type: 'network-traffic', dst_ref: ip!.id, protocols: ['tcp'] });
    const sha256 = [...byId.values()].find((o) => o.type === 'indicator' && (o['labels'] as string[]).includes('misp:type="sha256"'))!;
    expect(sha256['pattern']).toBe(`[file:hashes.'SHA-256' = '${HASH}']`);
    const domainIp = [...byId.values()].find((o) => o.type === 'indicator' && (o['labels'] as string[]).includes('misp:type="domain|ip"'))!;
    expect(domainIp['pattern']).toBe("[domain-name:value = 'circl.lu' AND domain-name:resolves_to_refs[*].value = '149.13.33.14']");
    const report = bundle.objects.find((o) => o.type === 'report')!;
    expect(report).toMatchObject({ id: 'report--a0c22599-9e58-4da4-96ac-7051603fa951', name: 'MISP-STIX-Converter test event', created_by_ref: 'identity--a0c22599-9e58-4da4-96ac-7051603fa952' });
    expect(byId.get('vulnerability--' + uuid(901))).toMatchObject({ name: 'CVE-2017-11774', external_references: [{ source_name: 'cve', external_id: 'CVE-2017-11774' }] });
    expect(byId.get('indicator--' + uuid(900))).toMatchObject({ pattern_type: 'yara', pattern: 'rule x { condition: true }' });
    expect(byId.get('x-misp-attribute--' + uuid(903))).toMatchObject({ x_misp_type: 'btc', x_misp_value: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2' });
  });

  it('refuses what is not a MISP event, naming the fault', () => {
    expect(() => mispEventToStix({ Event: { Attribute: [] } })).toThrow(/no "info"/);
    expect(() => mispEventToStix({ info: 'x', Attribute: [{ type: 'ip-dst' }] })).toThrow(/Attribute\[0\] \(ip-dst\) has no "value"/);
  });
});

describe('round trips', () => {
  it('MISP → STIX → MISP keeps every attribute: uuid, type, value, category, to_ids, comment, tags; and the objects', () => {
    const event = sampleEvent();
    const back = stixToMispEvent(mispEventToStix(event));
    const byUuid = new Map(back.Attribute!.map((attribute) => [attribute.uuid, attribute]));
    for (const attribute of event.Attribute!) {
      const returned = byUuid.get(attribute.uuid);
      expect(returned && essentials(returned), attribute.type).toEqual(essentials(attribute));
    }
    expect(back.Attribute).toHaveLength(event.Attribute!.length);
    expect(back.Object!.map(objectEssentials).sort((a, b) => a.name.localeCompare(b.name))).toEqual(event.Object!.map(objectEssentials).sort((a, b) => a.name.localeCompare(b.name)));
    expect(back).toMatchObject({ uuid: event.uuid, info: event.info, date: event.date, threat_level_id: '1', analysis: '2', distribution: '1', published: true, Orgc: event.Orgc, Tag: [{ name: 'tlp:white' }] });
  });

  it('bundle → MISP → bundle keeps every object of a supported attribute: same ids, patterns and observables', () => {
    const bundle = mispEventToStix(sampleEvent());
    const again = mispEventToStix(stixToMispEvent(bundle));
    // Observables with no ID-contributing property (an e-mail message with only a message id) get
    // random identifiers by specification: compared by content.
    const comparable = (objects: StixObject[]) =>
      objects
        .filter((o) => o.type !== 'report')
        .map(({ created: _c, modified: _m, ...rest }) => JSON.stringify(rest).replace(/"email-message--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"/g, '"email-message--random"'))
        .sort();
    expect(comparable(again.objects)).toEqual(comparable(bundle.objects));
  });

  it('reads foreign indicators and observables without MISP labels by inference', () => {
    const event = stixToMispEvent({
      type: 'bundle',
      id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
      objects: [
        { type: 'indicator', spec_version: '2.1', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', pattern: "[ipv4-addr:value = '198.51.100.1']", pattern_type: 'stix', valid_from: '2024-01-01T00:00:00.000Z' },
        { type: 'indicator', spec_version: '2.1', id: 'indicator--9e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', pattern: `[file:hashes.MD5 = '8764605c6f388c89096b534d33565802' OR file:hashes.'SHA-256' = '${HASH}']`, pattern_type: 'stix', valid_from: '2024-01-01T00:00:00.000Z' },
        { type: 'domain-name', spec_version: '2.1', id: 'domain-name--3c10e93f-798e-5a26-a0c1-08156efab7f5', value: 'example.com' },
      ],
    });
    expect(event.Attribute!.map((a) => [a.type, a.value, a.to_ids])).toEqual([
      ['ip-dst', '198.51.100.1', true],
      ['md5', '8764605c6f388c89096b534d33565802', true],
      ['sha256', HASH, true],
      ['domain', 'example.com', false],
    ]);
  });
});
