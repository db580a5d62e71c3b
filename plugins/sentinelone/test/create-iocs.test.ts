import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { setup } from './setup.js';

const bundle = {
  type: 'bundle',
  id: 'bundle--1',
  objects: [
    { type: 'indicator', id: 'indicator--1', created: '2026-11-01T00:00:00Z', valid_until: '2027-01-01T00:00:00Z', name: 'C2', pattern: "[ipv4-addr:value = '198.51.100.9'] OR [domain-name:value = 'evil.example']", pattern_type: 'stix' },
    { type: 'indicator', id: 'indicator--2', created: '2026-11-01T00:00:00Z', pattern: "[file:hashes.'SHA-256' = '" + 'b'.repeat(64) + "' AND file:hashes.MD5 = '" + 'c'.repeat(32) + "']" },
    { type: 'indicator', id: 'indicator--3', revoked: true, pattern: "[ipv4-addr:value = '203.0.113.1']" },
    { type: 'indicator', id: 'indicator--4', pattern: "[ipv4-addr:value = '198.51.100.9']" },
    { type: 'indicator', id: 'indicator--5', pattern: "[url:value LIKE 'http://%.example']" },
    { type: 'indicator', id: 'indicator--6', pattern: 'alert tcp any any', pattern_type: 'snort' },
    { type: 'malware', id: 'malware--1', name: 'Evil' },
  ],
};

describe('SentinelOne IOCs from a STIX bundle through the executor', () => {
  it('pushes each supported equality once, revoked and non-STIX indicators skipped, and returns what SentinelOne created', async () => {
    const { s1, run, dataDir } = await setup();
    writeFileSync(join(dataDir, 'bundle.json'), JSON.stringify(bundle));
    const result = await run('create_iocs_from_stix_bundle', { stix_objects_path: 'bundle.json', filters: { account_ids: ['99'] } });
    const sent = s1.received[0]!.body as { filter: unknown; data: Array<{ type: string; value: string }> };
    expect(sent.filter).toEqual({ accountIds: ['99'] });
    expect(sent.data.map((ioc) => [ioc.type, ioc.value])).toEqual([
      ['IPV4', '198.51.100.9'],
      ['DNS', 'evil.example'],
      ['SHA256', 'b'.repeat(64)],
      ['MD5', 'c'.repeat(32)],
    ]);
    expect(sent.data[0]).toMatchObject({ source: 'Sekoia.io', method: 'EQUALS', validUntil: '2027-01-01T00:00:00Z', creationTime: '2026-11-01T00:00:00Z', externalId: 'indicator--1' });
    const { indicators } = result.results as { indicators: Array<{ uuid: string; scopeId: string }> };
    expect(indicators.map((ioc) => ioc.uuid)).toEqual(['ioc-0', 'ioc-1', 'ioc-2', 'ioc-3']);
  });

  it('pushes nothing when no indicator is supported', async () => {
    const { s1, run, dataDir } = await setup();
    writeFileSync(join(dataDir, 'empty.json'), JSON.stringify([bundle.objects[5], bundle.objects[6]]));
    expect((await run('create_iocs_from_stix_bundle', { stix_objects_path: 'empty.json', filters: { account_ids: ['99'] } })).results).toEqual({});
    expect(s1.received).toHaveLength(0);
  });

  it('reports the account filter SentinelOne requires, and a file that is not a bundle', async () => {
    const { run, dataDir } = await setup();
    writeFileSync(join(dataDir, 'bundle.json'), JSON.stringify(bundle));
    const refused = await plyErrorOf(run('create_iocs_from_stix_bundle', { stix_objects_path: 'bundle.json' }));
    expect(refused.message).toContain('filter.accountIds: at least one account is required.');
    writeFileSync(join(dataDir, 'odd.json'), '{"hello": 1}');
    const odd = await plyErrorOf(run('create_iocs_from_stix_bundle', { stix_objects_path: 'odd.json', filters: { account_ids: ['99'] } }));
    expect(odd.message).toContain('stix_objects_path does not hold a STIX bundle');
  });
});
