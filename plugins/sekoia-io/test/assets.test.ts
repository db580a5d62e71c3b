import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSekoia, type SekoiaHarness } from './harness.js';

const COMMUNITY = '6bb2a1c4-2f57-4b0e-9d0c-5ae4c4f6b1a2';

describe('Sekoia.io asset actions through the executor', () => {
  // A fresh fake (assets, requests, faults), runtime and log per test.
  let s: SekoiaHarness;
  beforeEach(async () => {
    s = await startSekoia();
  });
  afterEach(() => s.server.close());

  it('creates a v1 asset, adds an attribute and a key in the query string, lists and deletes it', async () => {
    const created = (await s.run('create_asset', { asset_type: { name: 'host' }, name: 'ws-042', criticity: 80, community_uuid: COMMUNITY }))
      .results as { uuid: string; criticity: { display: string } };
    expect(created.criticity.display).toBe('high');

    const attribute = await s.run('add_attribute_to_asset', { uuid: created.uuid, name: 'os', value: 'Windows 11' });
    expect(attribute.results).toMatchObject({ name: 'os', value: 'Windows 11' });
    const request = s.state.requests.at(-1)!;
    expect(request.url).toBe(`/api/v1/asset-management/assets/${created.uuid}/attr?name=os&value=Windows+11`);
    expect(request.body).toEqual({});

    await s.run('add_key_to_asset', { uuid: created.uuid, name: 'hostname', value: 'ws-042' });
    expect(s.state.assetsV1.get(created.uuid)!['keys']).toEqual([expect.objectContaining({ name: 'hostname', value: 'ws-042' })]);

    const list = (await s.run('list_assets', { 'match[name]': 'ws-042' })).results as { items: Array<{ uuid: string }>; total: number };
    expect([list.total, list.items[0]!.uuid]).toEqual([1, created.uuid]);
    expect(s.state.requests.at(-1)!.url).toBe('/api/v1/asset-management/assets?limit=20&match%5Bname%5D=ws-042');

    expect((await s.run('delete_asset', { uuid: created.uuid })).results).toEqual({});
    expect(s.state.assetsV1.size).toBe(0);
  });

  it('creates, lists (paged) and deletes v2 assets', async () => {
    for (let i = 0; i < 3; i += 1) {
      const { results } = await s.run('create_assetv2', { community_uuid: COMMUNITY, name: `host-${i}`, type: 'host' });
      expect(results).toMatchObject({ name: `host-${i}`, type: 'host', criticality: 0, source: 'manual', tags: [] });
    }
    expect(s.state.requests.at(-1)!.body).toMatchObject({ uuid: null, description: '', reviewed: false });
    const page = (await s.run('list_assetsv2', { type: 'host', limit: 2, offset: 2 })).results as { items: Array<{ name: string }>; total: number };
    expect([page.total, page.items.map((asset) => asset.name)]).toEqual([3, ['host-2']]);
    const uuid = [...s.state.assetsV2.keys()][0]!;
    expect((await s.run('delete_assetv2', { uuid })).results).toMatchObject({ uuid, name: 'host-0' });
  });

  it('refuses a v2 asset without its required community before calling the API', async () => {
    const error = await s.fail('create_assetv2', { name: 'x1', type: 'host' });
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('community_uuid');
    expect(s.state.requests).toHaveLength(0);
  });

  it('counts a DELETE answered 404 after a retry as done (the first attempt deleted it)', async () => {
    // The first attempt is answered 503 (its answer lost at a gateway); the retry finds nothing left.
    s.faults.inject({ status: 503, path: /gone-1/ });
    expect((await s.run('delete_asset', { uuid: 'gone-1' })).results).toEqual({});
    expect(s.state.requests.filter((request) => request.method === 'DELETE')).toHaveLength(2);
  });

  it('fails a DELETE answered 404 at the first attempt', async () => {
    const error = await s.fail('delete_assetv2', { uuid: 'never-there' });
    expect([error.code, error.details['status']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 404]);
    expect(error.message).toContain('Asset never-there not found');
  });

  it('fails a DELETE with 401 on a wrong key', async () => {
    const error = await s.fail('delete_asset', { uuid: 'x' }, { base_url: s.server.url, api_key: 'nope-nope-1' });
    expect(error.details['status']).toBe(401);
    expect(JSON.stringify(error)).not.toContain('nope-nope-1');
  });

  it('retries a 429 on create, then succeeds once', async () => {
    s.faults.inject({ status: 429, retryAfter: '0', path: /assets$/ });
    await s.run('create_assetv2', { community_uuid: COMMUNITY, name: 'after-429', type: 'account' });
    expect(s.faults.injected).toBe(1);
    expect(s.state.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
    expect(s.state.assetsV2.size).toBe(1);
  });

  it('survives a slow API within the HTTP timeout', async () => {
    s.faults.delayMs = 50;
    const { results } = await s.run('list_assetsv2', {});
    expect(results).toEqual({ items: [], total: 0 });
  });
});
