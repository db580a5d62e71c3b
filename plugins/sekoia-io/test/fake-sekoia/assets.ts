import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { paginate } from './paginate.js';
import type { FakeSekoiaState, Json } from './state.js';

const notFound = (id: string) => ({ message: `Asset ${id} not found` });

/** `api/v1/asset-management/assets...` (v1) and `api/v2/asset-management/assets...` (v2). */
export function assetRoutes(state: FakeSekoiaState): { v1: Hono; v2: Hono } {
  const v1 = new Hono();
  v1.get('/assets', (c) => {
    const name = c.req.query('match[name]');
    const items = [...state.assetsV1.values()].filter((asset) => name === undefined || asset['name'] === name);
    const { items: page, total } = paginate(c, items);
    return c.json({ items: page, total });
  });
  v1.post('/assets', async (c) => {
    const body = (await c.req.json()) as Json;
    if (typeof body['name'] !== 'string' || typeof body['criticity'] !== 'number') return c.json({ message: 'name and criticity are required' }, 400);
    const now = new Date().toISOString();
    const asset: Json = {
      uuid: randomUUID(),
      name: body['name'],
      description: body['description'] ?? '',
      criticity: { value: body['criticity'], display: Number(body['criticity']) >= 70 ? 'high' : 'low' },
      asset_type: { uuid: randomUUID(), name: 'host', ...(body['asset_type'] as Json) },
      category: { uuid: randomUUID(), name: 'technical' },
      attributes: ((body['attributes'] as Json[] | undefined) ?? []).map((item) => ({ uuid: randomUUID(), ...item })),
      keys: ((body['keys'] as Json[] | undefined) ?? []).map((item) => ({ uuid: randomUUID(), ...item })),
      owners: body['owners'] ?? [],
      community_uuid: body['community_uuid'] ?? 'c0000000-0000-4000-8000-000000000001',
      created_at: now,
      updated_at: now,
    };
    state.assetsV1.set(String(asset['uuid']), asset);
    return c.json(asset);
  });
  v1.delete('/assets/:uuid', (c) => {
    if (!state.assetsV1.delete(c.req.param('uuid'))) return c.json(notFound(c.req.param('uuid')), 404);
    return c.body(null, 204);
  });
  for (const part of ['attr', 'keys'] as const) {
    v1.post(`/assets/:uuid/${part}`, (c) => {
      const asset = state.assetsV1.get(c.req.param('uuid'));
      if (!asset) return c.json(notFound(c.req.param('uuid')), 404);
      const name = c.req.query('name');
      const value = c.req.query('value');
      if (!name || !value) return c.json({ message: 'name and value are required query parameters' }, 400);
      const created = { uuid: randomUUID(), name, value };
      const key = part === 'attr' ? 'attributes' : 'keys';
      asset[key] = [...((asset[key] as Json[] | undefined) ?? []), created];
      return c.json(created);
    });
  }

  const v2 = new Hono();
  v2.get('/assets', (c) => {
    const search = c.req.query('search');
    const type = c.req.query('type');
    const items = [...state.assetsV2.values()].filter(
      (asset) => (search === undefined || String(asset['name']).includes(search)) && (type === undefined || type.split(',').includes(String(asset['type']))),
    );
    const { items: page, total } = paginate(c, items);
    return c.json({ items: page, total });
  });
  v2.post('/assets', async (c) => {
    const body = (await c.req.json()) as Json;
    if (!body['community_uuid'] || !body['name'] || !body['type']) return c.json({ message: 'community_uuid, name and type are required' }, 422);
    const asset: Json = { ...body, uuid: body['uuid'] ?? randomUUID(), created_at: new Date().toISOString(), nb_events: 0, nb_alerts: 0, revoked: false };
    state.assetsV2.set(String(asset['uuid']), asset);
    return c.json(asset, 201);
  });
  v2.delete('/assets/:uuid', (c) => {
    const asset = state.assetsV2.get(c.req.param('uuid'));
    if (!asset) return c.json(notFound(c.req.param('uuid')), 404);
    state.assetsV2.delete(c.req.param('uuid'));
    return c.json(asset);
  });
  return { v1, v2 };
}
