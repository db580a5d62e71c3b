import { z } from 'zod';
import { sekoia } from '../module.js';

type Reference = { source_name?: unknown; url?: unknown } & Record<string, unknown>;
type StixObject = { id?: unknown; external_references?: unknown } & Record<string, unknown>;

/** The app page of an intelligence object, which the reference adds to each FLINT report reference. */
const INTELLIGENCE_OBJECT_URL = 'https://app.sekoia.io/intelligence/objects/';

/** As the reference: every external reference whose source is a FLINT report gets the object's app URL. */
function withFlintUrls(body: unknown): { items: unknown[]; has_more: unknown } {
  const record = (typeof body === 'object' && body !== null ? body : {}) as { items?: unknown; has_more?: unknown };
  const items = (Array.isArray(record.items) ? record.items : []).map((item: StixObject) => {
    if (!Array.isArray(item.external_references)) return item;
    const references = item.external_references.map((reference: Reference) =>
      typeof reference.source_name === 'string' && reference.source_name.startsWith('FLINT') ? { ...reference, url: `${INTELLIGENCE_OBJECT_URL}${String(item.id)}` } : reference,
    );
    return { ...item, external_references: references };
  });
  return { items, has_more: record.has_more };
}

export const getContext = sekoia.restAction({
  uuid: '5d60776b-eb19-4421-aca3-df1cd109d9c0',
  slug: 'get_context',
  name: 'Get context',
  description: 'Get reports from a specific term',
  docker_parameters: 'get_context',
  group: 'Getters',
  method: 'POST',
  path: 'v2/inthreat/objects/search',
  arguments: z
    .object({
      sort: z.string().default('pertinence').meta({ in: 'query' }),
      term: z.string().meta({ in: 'query' }),
    })
    .meta({ title: 'post_search_objects' }),
  results: z.looseObject({ items: z.array(z.unknown()), has_more: z.boolean().nullish() }),
  // A search changes nothing.
  idempotent: true,
  map: withFlintUrls,
});
