import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { checkedBody, type Rules } from './body-checks.js';
import { paginate } from './paginate.js';
import type { FakeSekoiaState, Json } from './state.js';

const notFound = (id: string) => ({ message: `Asset ${id} not found` });

/** The writable fields of a v2 asset (`POST`, `PUT api/v2/asset-management/assets`). */
const assetV2Rules: Rules = {
  uuid: { type: 'string', nullable: true },
  community_uuid: { type: 'string' },
  entity_uuid: { type: 'string', nullable: true },
  name: { type: 'string', minLength: 2 },
  description: { type: 'string' },
  type: { type: 'string', enum: ['host', 'account', 'network'] },
  category: { type: 'string', nullable: true },
  criticality: { type: 'integer', minimum: 0, maximum: 100 },
  props: { type: 'object', nullable: true },
  atoms: { type: 'object', nullable: true },
  tags: { type: 'array', items: 'string' },
  reviewed: { type: 'boolean' },
  revoked: { type: 'boolean' },
  source: { type: 'string', enum: ['manual', 'automatic', 'import'] },
};

/**
 * A v2 asset as the API answers it: the category as an object (`{uuid, name}`), the criticality
 * also as a v1 `criticity` object, null where nothing was given.
 */
function assetV2(fields: Json, existing: Json = {}): Json {
  const merged = { ...existing, ...fields };
  const category = merged['category'];
  const criticality = merged['criticality'];
  return {
    entity_uuid: null,
    description: '',
    props: null,
    atoms: null,
    tags: [],
    reviewed: false,
    revoked: false,
    source: 'manual',
    created_at: new Date().toISOString(),
    created_by: 'c110d686-0b45-4ae7-b917-f15486d0f8c7',
    created_by_type: 'apikey',
    first_seen: null,
    last_seen: null,
    nb_events: 0,
    nb_alerts: 0,
    nb_atoms: 0,
    rule_uuid: null,
    rule_version: null,
    ...merged,
    uuid: merged['uuid'] ?? randomUUID(),
    category: typeof category === 'string' ? { uuid: '1c646cb3-54c3-44cb-88d3-2db24de2fcf4', name: category } : (category ?? null),
    criticality: typeof criticality === 'number' ? criticality : null,
    criticity: typeof criticality === 'number' ? { value: criticality, display: criticality >= 68 ? 'high' : criticality < 34 ? 'low' : 'medium' } : null,
    updated_at: new Date().toISOString(),
  };
}

/** `api/v1/asset-management/assets...` (v1) and `api/v2/asset-management/assets...` (v2). */
export function assetRoutes(state: FakeSekoiaState): { v1: Hono; v2: Hono } {
  const v1 = new Hono();
  v1.get('/assets', (c) => {
    const name = c.req.query('match[name]');
    const { items, total } = paginate(c, [...state.assetsV1.values()].filter((asset) => name === undefined || asset['name'] === name));
    return c.json({ items, total });
  });
  v1.post('/assets', async (c) => {
    const checked = await checkedBody(
      c,
      { asset_type: { type: 'object' }, name: { type: 'string' }, criticity: { type: 'integer' }, description: { type: 'string' }, attributes: { type: 'array', items: 'object' }, keys: { type: 'array', items: 'object' }, owners: { type: 'array', items: 'string' }, community_uuid: { type: 'string' } },
      ['asset_type', 'name', 'criticity'],
    );
    if ('refusal' in checked) return checked.refusal;
    const body = checked.body;
    const now = new Date().toISOString();
    const asset: Json = {
      uuid: randomUUID(),
      name: body['name'],
      description: body['description'] ?? '',
      criticity: { value: body['criticity'], display: Number(body['criticity']) >= 70 ? 'high' : 'low' },
      asset_type: { uuid: '65f8ebba-e400-4ef7-844d-2881e2cf175c', name: 'computer', description: 'A computer', ...(body['asset_type'] as Json) },
      category: { uuid: '1c646cb3-54c3-44cb-88d3-2db24de2fcf4', name: 'technical', description: 'Technical assets', types: [] },
      attributes: ((body['attributes'] as Json[] | undefined) ?? []).map((item) => ({ uuid: randomUUID(), ...item })),
      keys: ((body['keys'] as Json[] | undefined) ?? []).map((item) => ({ uuid: randomUUID(), ...item })),
      owners: body['owners'] ?? [],
      community_uuid: body['community_uuid'] ?? 'c766cfab-a604-41c5-b95b-c7cc467f7fc4',
      created_at: now,
      updated_at: now,
    };
    state.assetsV1.set(String(asset['uuid']), asset);
    return c.json(asset);
  });
  v1.get('/assets/:uuid', (c) => {
    const asset = state.assetsV1.get(c.req.param('uuid'));
    return asset ? c.json(asset) : c.json(notFound(c.req.param('uuid')), 404);
  });
  v1.delete('/assets/:uuid', (c) => {
    if (!state.assetsV1.delete(c.req.param('uuid'))) return c.json(notFound(c.req.param('uuid')), 404);
    return c.body(null, 204);
  });
  for (const part of ['attr', 'keys'] as const) {
    v1.post(`/assets/:uuid/${part}`, async (c) => {
      const asset = state.assetsV1.get(c.req.param('uuid'));
      if (!asset) return c.json(notFound(c.req.param('uuid')), 404);
      const name = c.req.query('name');
      const value = c.req.query('value');
      if (!name || !value) return c.json({ message: 'name and value are required query parameters' }, 400);
      const body = (await c.req.text()).trim();
      if (body !== '' && body !== '{}') return c.json({ message: 'the body must be empty: name and value travel in the query string' }, 400);
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
    const checked = await checkedBody(c, assetV2Rules, ['community_uuid', 'name', 'type']);
    if ('refusal' in checked) return checked.refusal;
    const asset = assetV2(checked.body);
    state.assetsV2.set(String(asset['uuid']), asset);
    return c.json(asset, 201);
  });
  v2.post('/assets/merge', async (c) => {
    const checked = await checkedBody(c, { destination: { type: 'string' }, sources: { type: 'array', items: 'string' } }, ['destination', 'sources']);
    if ('refusal' in checked) return checked.refusal;
    const destination = String(checked.body['destination']);
    const sources = checked.body['sources'] as string[];
    const missing = [destination, ...sources].find((uuid) => !state.assetsV2.has(uuid));
    if (missing) return c.json(notFound(missing), 404);
    for (const source of sources) state.assetsV2.delete(source);
    return c.body(null, 204);
  });
  v2.get('/assets/:uuid', (c) => {
    const asset = state.assetsV2.get(c.req.param('uuid'));
    if (!asset) return c.json(notFound(c.req.param('uuid')), 404);
    return c.json(c.req.query('with_telemetry') === 'true' ? { ...asset, first_seen: '2025-01-01T00:00:00Z', last_seen: '2025-02-01T00:00:00Z', occurrences: 3 } : asset);
  });
  v2.put('/assets/:uuid', async (c) => {
    const asset = state.assetsV2.get(c.req.param('uuid'));
    if (!asset) return c.json(notFound(c.req.param('uuid')), 404);
    const { uuid: _uuid, community_uuid: _community, source: _source, ...writable } = assetV2Rules;
    const checked = await checkedBody(c, writable);
    if ('refusal' in checked) return checked.refusal;
    const updated = assetV2(checked.body, { ...asset, category: asset['category'] && typeof asset['category'] === 'object' ? (asset['category'] as Json)['name'] : asset['category'] });
    state.assetsV2.set(String(updated['uuid']), updated);
    return c.json(updated);
  });
  v2.delete('/assets/:uuid', (c) => {
    const asset = state.assetsV2.get(c.req.param('uuid'));
    if (!asset) return c.json(notFound(c.req.param('uuid')), 404);
    state.assetsV2.delete(c.req.param('uuid'));
    return c.json(asset);
  });
  return { v1, v2 };
}
