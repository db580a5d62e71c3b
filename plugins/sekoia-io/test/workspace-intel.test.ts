import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSekoia, type SekoiaHarness } from './harness.js';

const COMMUNITY = 'c766cfab-a604-41c5-b95b-c7cc467f7fc4';

describe('Sekoia.io configuration getters and intelligence actions through the executor', () => {
  let s: SekoiaHarness;
  beforeEach(async () => {
    s = await startSekoia();
  });
  afterEach(() => s.close());

  it.each([
    ['get_entity', 'uuid', 'sic/conf/entities', { name: 'Main entity', entity_id: 'main', number_of_intakes: 2 }],
    ['get_community', 'uuid', 'communities', { name: 'SOC', is_mfa_enforced: true, subcommunities: [] }],
    ['get_intake', 'uuid', 'sic/conf/intakes', { name: 'Firewall', status: 'running', entity: { uuid: 'e-1', name: 'Main entity' } }],
    ['get_custom_status', 'status_uuid', 'sic/custom_statuses', { label: 'Triage', level: 1, stage: 'New', is_used: true }],
    ['get_custom_priority', 'priority_uuid', 'sic/custom_priorities', { label: 'P1', level: 1, color: '#ff0000' }],
    ['get_custom_verdict', 'verdict_uuid', 'sic/custom_verdicts', { label: 'True positive', level: 1, stage: 'Closed' }],
  ])('%s reads the object by uuid', async (action, key, path, fields) => {
    const object = { uuid: 'u-1', community_uuid: COMMUNITY, ...fields };
    s.state.objectsAt(path).set('u-1', object);
    expect((await s.run(action, { [key]: 'u-1' })).results).toEqual(object);
    expect(s.last().path).toBe(`/api/v1/${path}/u-1`);
    const error = await s.fail(action, { [key]: 'u-2' });
    expect([error.details['status'], error.message]).toEqual([404, expect.stringContaining('u-2 was not found at Sekoia.io')]);
  });

  it('gets context for a term, linking FLINT references to the app', async () => {
    s.state.intelObjects.set('campaign--a8ff', { id: 'campaign--a8ff', type: 'campaign', name: 'DarkGate', external_references: [{ source_name: 'FLINT 2023-034 - DarkGate' }, { source_name: 'Other' }] });
    const { results } = (await s.run('get_context', { term: 'darkgate' })) as { results: { items: Array<{ external_references: Array<Record<string, string>> }>; has_more: boolean } };
    expect(results.items[0]!.external_references).toEqual([{ source_name: 'FLINT 2023-034 - DarkGate', url: 'https://app.sekoia.io/intelligence/objects/campaign--a8ff' }, { source_name: 'Other' }]);
    expect(s.last()).toMatchObject({ method: 'POST', path: '/api/v2/inthreat/objects/search', query: { term: 'darkgate', sort: 'pertinence' } });
  });

  it('adds IP indicators to an IOC collection in one request per IP version, with their validity', async () => {
    s.state.iocCollections.set('ioc-collection--1', []);
    await s.run('add_to_ioc_collection', { ioc_collection_id: 'ioc-collection--1', indicator_type: 'IP address', indicators: ['1.2.3.4', '2001:db8::1', 'not-an-ip', '5.6.7.8'], valid_for: 7 });
    const posts = s.state.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => (request.body as { format: string; indicators: string }).indicators)).toEqual(['1.2.3.4\n5.6.7.8', '2001:db8::1']);
    const validUntil = (posts[0]!.body as { valid_until: string }).valid_until;
    expect(Date.parse(validUntil) - Date.now()).toBeGreaterThan(6 * 86_400_000);
    expect(s.state.iocCollections.get('ioc-collection--1')!.map((indicator) => indicator.format)).toEqual(['ipv4-addr.value', 'ipv4-addr.value', 'ipv6-addr.value']);
  });

  it('adds a single domain indicator', async () => {
    s.state.iocCollections.set('ioc-collection--1', []);
    await s.run('add_to_ioc_collection', { ioc_collection_id: 'ioc-collection--1', indicator_type: 'domain', indicator: 'evil.example' });
    expect(s.state.iocCollections.get('ioc-collection--1')).toEqual([{ format: 'domain-name.value', value: 'evil.example' }]);
  });

  it('uploads observables from a file of the run', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ply-observables-'));
    const observables = [{ type: 'ipv4-addr', value: '1.2.3.4' }];
    writeFileSync(join(dataDir, 'observables.json'), JSON.stringify(observables));
    expect((await s.run('upload_observables', { observables_path: 'observables.json' }, undefined, { dataDir })).results).toEqual({});
    expect(s.state.observables).toEqual(observables);
    expect(s.last()).toMatchObject({ path: '/api/v2/inthreat/observables/bulk', body: { data: observables } });
  });

  it('refuses an upload with no observables, naming them', async () => {
    const error = await s.fail('upload_observables', {});
    expect([error.code, error.message]).toEqual(['PLY_ARGUMENTS_INVALID', 'upload_observables needs observables or observables_path']);
  });
});
