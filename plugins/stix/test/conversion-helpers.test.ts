import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { indexById, isValidPattern, makeObservable, referencesOf, type StixBundle, type StixObject } from '../src/model.js';
import { ofType, stixPly } from './stix-harness.js';

function expectWellFormed(bundle: unknown): StixObject[] {
  const objects = (bundle as StixBundle).objects;
  const byId = indexById(objects);
  for (const object of objects) {
    expect(object.spec_version).toBe('2.1');
    if (object.type === 'indicator') expect(isValidPattern(object['pattern'] as string), object['pattern'] as string).toBe(true);
    if (object.type === 'relationship') for (const end of ['source_ref', 'target_ref']) expect(byId.has(object[end] as string), `${object.id} ${end}`).toBe(true);
    for (const ref of referencesOf(object)) if (ref !== object['created_by_ref']) expect(byId.has(ref), ref).toBe(true);
  }
  return objects;
}

const observables = [
  makeObservable('ipv4-addr', { value: '203.0.113.9' }),
  makeObservable('file', { hashes: { 'SHA-256': '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f' } }),
  makeObservable('process', { pid: 4 }),
];

describe('observables to indicators', () => {
  it('observables_to_indicators makes one valid indicator per supported observable, linked by based-on', async () => {
    const { run, logs } = stixPly();
    const { bundle } = await run('observables_to_indicators', { bundle: observables, valid_for_days: 30 });
    const objects = expectWellFormed(bundle);
    const indicators = ofType(bundle, 'indicator');
    expect(indicators.map((i) => i['pattern'])).toEqual(["[ipv4-addr:value = '203.0.113.9']", "[file:hashes.'SHA-256' = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f']"]);
    const [first] = indicators;
    expect(Date.parse(first!['valid_until'] as string) - Date.parse(first!['valid_from'] as string)).toBe(30 * 86_400_000);
    expect(ofType(bundle, 'relationship').map((r) => r['relationship_type'])).toEqual(['based-on', 'based-on']);
    expect(objects.filter((o) => o.type === 'process')).toHaveLength(1);
    expect(logs.text()).toContain('observables without a pattern');
    const { bundle: bare } = await run('observables_to_indicators', { bundle: observables, keep_observables: false });
    expect((bare as StixBundle).objects.map((o) => o.type)).toEqual(['indicator', 'indicator']);
  });

  it('observables_to_contextualised_indicators adds the context, the source and the threat they indicate', async () => {
    const { run } = stixPly();
    const { bundle } = await run('observables_to_contextualised_indicators', {
      bundle: observables,
      description: 'Seen in phishing wave',
      indicator_types: ['malicious-activity'],
      labels: ['phishing'],
      confidence: 80,
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'command-and-control' }],
      source_name: 'SOC',
      threat: { type: 'malware', name: 'Emotet' },
    });
    expectWellFormed(bundle);
    const [threat] = ofType(bundle, 'malware');
    const [source] = ofType(bundle, 'identity');
    expect(threat).toMatchObject({ name: 'Emotet', is_family: true, created_by_ref: source!.id });
    for (const indicator of ofType(bundle, 'indicator')) {
      expect(indicator).toMatchObject({ description: 'Seen in phishing wave', indicator_types: ['malicious-activity'], labels: ['phishing'], confidence: 80, created_by_ref: source!.id, kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'command-and-control' }] });
    }
    expect(ofType(bundle, 'relationship').filter((r) => r['relationship_type'] === 'indicates').every((r) => r['target_ref'] === threat!.id)).toBe(true);
    const error = await plyErrorOf(stixPly().ply.run({ action: 'stix.observables_to_contextualised_indicators', configuration: {}, arguments: { bundle: observables, confidence: 101 } }));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
  });
});

describe('text and JSON to observables', () => {
  it('string_to_observables reads defanged indicators out of text, filtered by type when asked', async () => {
    const { run } = stixPly();
    const { observables: out } = await run('string_to_observables', { input_string: 'Block hxxps://bad[.]example[.]com/x from 198.51.100[.]7 and 2001:db8::7, mail evil[@]example.org' });
    expect((out as StixBundle).objects.map((o) => [o.type, o['value']])).toEqual([
      ['url', 'https://bad.example.com/x'],
      ['email-addr', 'evil@example.org'],
      ['ipv4-addr', '198.51.100.7'],
      ['ipv6-addr', '2001:db8::7'],
      ['domain-name', 'bad.example.com'],
    ]);
    const { observables: ips } = await run('string_to_observables', { input_string: 'a 1.1.1.1 b example.com', types: ['ipv4-addr'] });
    expect((ips as StixBundle).objects.map((o) => o['value'])).toEqual(['1.1.1.1']);
  });

  it('json_objects_to_observables maps fields to types, or recognises every string', async () => {
    const { run, ply } = stixPly();
    const events = [
      { source: { ip: '10.1.2.3' }, destination: { domain: 'c2.example.net' }, file: { hash: { sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f' } } },
      { source: { ip: '10.1.2.3' }, destination: { domain: 'other.example.net' }, note: 'not an observable' },
    ];
    const { observables: mapped } = await run('json_objects_to_observables', { objects: events, mapping: { 'source.ip': 'ipv4-addr', 'destination.domain': 'domain-name' } });
    expect((mapped as StixBundle).objects.map((o) => o['value'])).toEqual(['10.1.2.3', 'c2.example.net', 'other.example.net']);
    const { observables: guessed } = await run('json_objects_to_observables', { objects: events });
    expect((guessed as StixBundle).objects.map((o) => o.type).sort()).toEqual(['domain-name', 'domain-name', 'file', 'ipv4-addr']);
    const error = await plyErrorOf(ply.run({ action: 'stix.json_objects_to_observables', configuration: {}, arguments: { objects: events, mapping: { 'destination.domain': 'ipv4-addr' } } }));
    expect(error.code).toBe('PLY_INVALID_INPUT');
  });

  // The shape of https://docs.virustotal.com/reference/list-hunting-notification-files (one data item).
  const notification = {
    type: 'file',
    id: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
    attributes: { md5: '44d88612fea8a8f36de82e1278abb02f', sha1: '3395856ce81f2b7382dee72602f798b642f14140', sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f', size: 68, meaningful_name: 'eicar.com', type_description: 'Text' },
    context_attributes: { notification_id: '1234', rule_name: 'eicar_test', ruleset_name: 'tests', notification_date: 1700000000, match_in_subfile: false },
  };

  it('livehunt_notification_to_observables makes file observables with hashes, name, size and rule', async () => {
    const { run, ply } = stixPly();
    const { observables: out } = await run('livehunt_notification_to_observables', { notification: [notification, notification] });
    expect((out as StixBundle).objects).toEqual([
      expect.objectContaining({ type: 'file', name: 'eicar.com', size: 68, hashes: { MD5: '44d88612fea8a8f36de82e1278abb02f', 'SHA-1': '3395856ce81f2b7382dee72602f798b642f14140', 'SHA-256': notification.id }, x_virustotal_rule_name: 'eicar_test', x_virustotal_ruleset_name: 'tests' }),
    ]);
    const error = await plyErrorOf(ply.run({ action: 'stix.livehunt_notification_to_observables', configuration: {}, arguments: { notification: { type: 'url', attributes: {} } } }));
    expect(error.code).toBe('PLY_INVALID_INPUT');
    expect(error.message).toContain('notification 0 names no file');
  });
});

describe('feeds and records to STIX', () => {
  // A CVE API 2.0 answer as https://nvd.nist.gov/developers/vulnerabilities documents it (abridged).
  const nvd = {
    resultsPerPage: 1,
    startIndex: 0,
    totalResults: 1,
    format: 'NVD_CVE',
    version: '2.0',
    vulnerabilities: [
      {
        cve: {
          id: 'CVE-2021-44228',
          sourceIdentifier: 'security@apache.org',
          published: '2021-12-10T10:15:09.143',
          lastModified: '2023-11-07T03:39:36.747',
          vulnStatus: 'Analyzed',
          descriptions: [{ lang: 'en', value: 'Apache Log4j2 JNDI features do not protect against attacker controlled LDAP endpoints.' }, { lang: 'es', value: 'Log4j2...' }],
          metrics: { cvssMetricV31: [{ source: 'nvd@nist.gov', type: 'Primary', cvssData: { version: '3.1', vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', baseScore: 10.0, baseSeverity: 'CRITICAL' } }] },
          references: [{ url: 'https://logging.apache.org/log4j/2.x/security.html', source: 'security@apache.org' }],
        },
      },
    ],
  };

  it('cve_to_stix makes one vulnerability per CVE with description, references, CVSS and NVD dates', async () => {
    const { run, ply } = stixPly();
    const { bundle } = await run('cve_to_stix', { cve: nvd });
    const [vulnerability] = expectWellFormed(bundle);
    expect(vulnerability).toMatchObject({
      type: 'vulnerability',
      name: 'CVE-2021-44228',
      description: 'Apache Log4j2 JNDI features do not protect against attacker controlled LDAP endpoints.',
      created: '2021-12-10T10:15:09.143Z',
      modified: '2023-11-07T03:39:36.747Z',
      x_cvss_base_score: 10,
      x_cvss_base_severity: 'CRITICAL',
      external_references: [{ source_name: 'cve', external_id: 'CVE-2021-44228', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228' }, { source_name: 'security@apache.org', url: 'https://logging.apache.org/log4j/2.x/security.html' }],
    });
    const { bundle: again } = await run('cve_to_stix', { cve: nvd.vulnerabilities[0] });
    expect((again as StixBundle).objects[0]!.id).toBe(vulnerability!.id);
    const error = await plyErrorOf(ply.run({ action: 'stix.cve_to_stix', configuration: {}, arguments: { cve: { vulnerabilities: [{ cve: { id: 'not-a-cve' } }] } } }));
    expect(error.message).toContain('CVE record 0 has no CVE identifier');
    const empty = await plyErrorOf(ply.run({ action: 'stix.cve_to_stix', configuration: {}, arguments: { cve: { foo: 1 } } }));
    expect(empty.code).toBe('PLY_INVALID_INPUT');
  });

  it('cryptolaemus_to_stix turns epochs, C2 ip:port lines, URLs and hashes into indicators of Emotet', async () => {
    const { run } = stixPly();
    const feed = ['Emotet update', 'Epoch 4 C2s:', '203.0.113.10:8080', '198.51.100.20:443', '203.0.113.10:8080', 'Epoch 5', '192.0.2.30:7080', 'Doc URL: hxxp://bad[.]example[.]com/wp-admin/x/', 'SHA256: 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f'].join('\n');
    const { bundle } = await run('cryptolaemus_to_stix', { feed, valid_for_days: 7 });
    expectWellFormed(bundle);
    const [malware] = ofType(bundle, 'malware');
    expect(malware).toMatchObject({ name: 'Emotet', is_family: true });
    const indicators = ofType(bundle, 'indicator');
    expect(indicators.map((i) => [i['pattern'], i['labels']])).toEqual([
      ["[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.10' AND network-traffic:dst_port = 8080]", ['emotet', 'epoch4']],
      ["[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '198.51.100.20' AND network-traffic:dst_port = 443]", ['emotet', 'epoch4']],
      ["[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '192.0.2.30' AND network-traffic:dst_port = 7080]", ['emotet', 'epoch5']],
      ["[url:value = 'http://bad.example.com/wp-admin/x/']", ['emotet', 'epoch5']],
      ["[file:hashes.'SHA-256' = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f']", ['emotet', 'epoch5']],
    ]);
    expect(ofType(bundle, 'relationship').every((r) => r['relationship_type'] === 'indicates' && r['target_ref'] === malware!.id)).toBe(true);
  });
});

describe('MISP ↔ STIX through the executor', () => {
  const event = {
    Event: {
      uuid: '5e384ae7-672c-4250-9cda-3b4da964451a',
      info: 'Phishing campaign',
      date: '2024-03-01',
      threat_level_id: '2',
      Orgc: { uuid: '55f6ea5e-2c60-40e5-964f-47a8950d210f', name: 'CIRCL' },
      Attribute: [
        { uuid: '91ae0a21-c7ae-4c7f-b84b-b84a7ce53d1f', type: 'ip-dst', category: 'Network activity', value: '203.0.113.9', to_ids: true, timestamp: '1709280000' },
        { uuid: '91ae0a21-c7ae-4c7f-b84b-b84a7ce53d2f', type: 'domain', category: 'Network activity', value: 'evil.example.com', to_ids: false, timestamp: '1709280000', comment: 'landing page' },
      ],
    },
  };

  it('misp_to_stix then stix_to_misp gives the event back', async () => {
    const { run } = stixPly();
    const { bundle } = await run('misp_to_stix', { event });
    expectWellFormed(bundle);
    expect(ofType(bundle, 'report')[0]).toMatchObject({ id: 'report--5e384ae7-672c-4250-9cda-3b4da964451a', name: 'Phishing campaign' });
    const { event: back } = await run('stix_to_misp', { bundle });
    expect(back).toMatchObject({ uuid: event.Event.uuid, info: 'Phishing campaign', Orgc: event.Event.Orgc });
    expect((back as { Attribute: Array<Record<string, unknown>> }).Attribute.map((a) => [a['uuid'], a['type'], a['value'], a['to_ids'], a['comment']])).toEqual([
      ['91ae0a21-c7ae-4c7f-b84b-b84a7ce53d1f', 'ip-dst', '203.0.113.9', true, undefined],
      ['91ae0a21-c7ae-4c7f-b84b-b84a7ce53d2f', 'domain', 'evil.example.com', false, 'landing page'],
    ]);
  });

  it('refuses an event without info and a bundle with an invalid pattern, naming the fault', async () => {
    const { ply } = stixPly();
    const noInfo = await plyErrorOf(ply.run({ action: 'stix.misp_to_stix', configuration: {}, arguments: { event: { Event: { Attribute: [] } } } }));
    expect(noInfo.code).toBe('PLY_INVALID_INPUT');
    expect(noInfo.message).toContain('no "info"');
    const indicator = { type: 'indicator', spec_version: '2.1', id: 'indicator--91ae0a21-c7ae-4c7f-b84b-b84a7ce53d1f', created: '2024-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', pattern: "[ipv4-addr:value = '1.2.3.4'", pattern_type: 'stix', valid_from: '2024-01-01T00:00:00.000Z' };
    const badPattern = await plyErrorOf(ply.run({ action: 'stix.stix_to_misp', configuration: {}, arguments: { bundle: [indicator] } }));
    expect(badPattern.code).toBe('PLY_INVALID_INPUT');
    expect(badPattern.message).toContain('expected "]"');
  });
});
