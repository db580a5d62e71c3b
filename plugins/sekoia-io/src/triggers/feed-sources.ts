import type { Logger } from '@ply/core';
import type { SekoiaApi } from '../sekoia-api.js';

/** Source id -> its name and confidence, kept for the trigger's lifetime as the reference does. */
export type SourcesCache = Map<string, { name: unknown; confidence: unknown }>;

type StixObject = Record<string, unknown>;

/**
 * Adds `x_inthreat_sources` to each object: its `x_inthreat_sources_refs` resolved to `{name,
 * confidence}` through `GET api/v2/inthreat/objects?match[id]=...` (only the refs not cached
 * yet); a ref that cannot be resolved stays as the id, as in the reference.
 */
export async function resolveSources(api: SekoiaApi, objects: unknown[], cache: SourcesCache, log: Logger): Promise<void> {
  const items = objects.filter((object): object is StixObject => typeof object === 'object' && object !== null);
  const refsOf = (object: StixObject): string[] => (Array.isArray(object['x_inthreat_sources_refs']) ? object['x_inthreat_sources_refs'].map(String) : []);
  const missing = [...new Set(items.flatMap(refsOf).filter((ref) => !cache.has(ref)))].sort();
  if (missing.length > 0) {
    try {
      const page = await api.request<{ items?: StixObject[] }>('v2/inthreat/objects', { query: { 'match[id]': missing.join(',') } });
      for (const source of page?.items ?? []) cache.set(String(source['id']), { name: source['name'], confidence: source['confidence'] ?? 0 });
    } catch (error) {
      log.info('the sources of the objects could not be fetched', { error: error instanceof Error ? error.message : String(error) });
    }
  }
  for (const object of items) object['x_inthreat_sources'] = refsOf(object).map((ref) => cache.get(ref) ?? ref);
}
