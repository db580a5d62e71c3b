import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSekoia, type SekoiaHarness } from './harness.js';

const COMMUNITY = 'c766cfab-a604-41c5-b95b-c7cc467f7fc4';

describe('Sekoia.io asset actions through the executor', () => {
  let s: SekoiaHarness;
  beforeEach(async () => {
    s = await startSekoia();
  });
  afterEach(() => s.close());

  const createV2 = async (fields: Record<string, unknown> = {}) =>
    ((await s.run('create_assetv2', { community_uuid: COMMUNITY, name: 'srv-01', type: 'host', ...fields })) as { results: Record<string, unknown> }).results;

  it('creates a v2 asset and takes the object-valued category and criticity the API answers', async () => {
    const asset = await createV2({ category: 'technical', criticality: 80 });
    expect(asset).toMatchObject({ name: 'srv-01', category: { name: 'technical' }, criticality: 80, criticity: { value: 80, display: 'high' } });
    expect(s.last().body).toMatchObject({ community_uuid: COMMUNITY, name: 'srv-01', type: 'host', category: 'technical', criticality: 80, tags: [], source: 'manual' });
  });

  it('gets a v2 asset with telemetry, and its null criticality', async () => {
    const created = await createV2();
    // An asset a connector created, without criticality or category.
    s.state.assetsV2.set(String(created['uuid']), { ...s.state.assetsV2.get(String(created['uuid'])), criticality: null, criticity: null, category: null });
    const { results } = await s.run('retrieve_assetv2', { uuid: created['uuid'], with_telemetry: true });
    expect(results).toMatchObject({ uuid: created['uuid'], criticality: null, category: null, occurrences: 3 });
    expect(s.last().query).toEqual({ with_telemetry: 'true' });
  });

  it('updates a v2 asset with a PUT of the given fields, even falsy ones', async () => {
    const created = await createV2({ criticality: 50 });
    const { results } = await s.run('update_assets', { uuid: created['uuid'], criticality: 0, tags: ['dmz'], revoked: false });
    expect(results).toMatchObject({ criticality: 0, tags: ['dmz'], revoked: false });
    expect(s.last()).toMatchObject({ method: 'PUT', path: `/api/v2/asset-management/assets/${String(created['uuid'])}`, body: { criticality: 0, tags: ['dmz'], revoked: false } });
  });

  it('merges assets and returns the raw answer as the reference does', async () => {
    const [a, b] = [await createV2(), await createV2({ name: 'srv-02' })];
    const { results } = await s.run('merge_assets', { destination: a['uuid'], sources: [b['uuid']] });
    expect(results).toMatchObject({ status_code: 204, text: '' });
    expect(s.state.assetsV2.has(String(b['uuid']))).toBe(false);
    expect(s.last()).toMatchObject({ path: '/api/v2/asset-management/assets/merge', body: { destination: a['uuid'], sources: [b['uuid']] } });
  });

  it('fails a merge the API refuses, naming the asset', async () => {
    const a = await createV2();
    const error = await s.fail('merge_assets', { destination: a['uuid'], sources: ['gone'] });
    expect([error.code, error.details['status']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 404]);
    expect(error.message).toContain('Asset gone not found');
  });

  it('lists v2 assets with filters and the reference defaults', async () => {
    await createV2();
    await createV2({ name: 'laptop', type: 'account' });
    const { results } = (await s.run('list_assetsv2', { type: 'host' })) as { results: { items: Array<{ name: string }>; total: number } };
    expect(results.items.map((asset) => asset.name)).toEqual(['srv-01']);
    expect(s.last().query).toEqual({ type: 'host', offset: '0', limit: '20' });
  });

  it('deletes a v2 asset and returns it', async () => {
    const created = await createV2();
    expect((await s.run('delete_assetv2', { uuid: created['uuid'] })).results).toMatchObject({ uuid: created['uuid'] });
    expect(s.state.assetsV2.size).toBe(0);
  });

  it('creates, gets, lists and deletes a v1 asset', async () => {
    const { results } = (await s.run('create_asset', { asset_type: { name: 'computer' }, name: 'ws-1', criticity: 80 })) as { results: { uuid: string; category: object } };
    expect(results.category).toMatchObject({ name: 'technical' });
    expect((await s.run('get_asset', { uuid: results.uuid })).results).toMatchObject({ name: 'ws-1', criticity: { value: 80, display: 'high' } });
    expect(((await s.run('list_assets', { 'match[name]': 'ws-1' })).results as { total: number }).total).toBe(1);
    expect((await s.run('delete_asset', { uuid: results.uuid })).results).toEqual({});
  });

  it('adds an attribute and a key to a v1 asset, name and value in the query string', async () => {
    const { results } = (await s.run('create_asset', { asset_type: { name: 'computer' }, name: 'ws-1', criticity: 1 })) as { results: { uuid: string } };
    await s.run('add_attribute_to_asset', { uuid: results.uuid, name: 'os', value: 'linux' });
    expect(s.last()).toMatchObject({ method: 'POST', path: `/api/v1/asset-management/assets/${results.uuid}/attr`, query: { name: 'os', value: 'linux' } });
    await s.run('add_key_to_asset', { uuid: results.uuid, name: 'ip', value: '10.0.0.1' });
    expect(s.state.assetsV1.get(results.uuid)).toMatchObject({ attributes: [{ name: 'os', value: 'linux' }], keys: [{ name: 'ip', value: '10.0.0.1' }] });
  });

  it('refuses a name shorter than the API allows before calling it', async () => {
    const created = await createV2();
    const before = s.state.requests.length;
    const error = await s.fail('update_assets', { uuid: created['uuid'], name: 'x' });
    expect([error.code, error.message]).toEqual(['PLY_ARGUMENTS_INVALID', expect.stringContaining('/name')]);
    expect(s.state.requests).toHaveLength(before);
  });
});
