import { asRecord } from './report-mapping.js';

/** The ids of a relationship requested with `?relationships=` (descriptors `{type, id}`). */
export function relatedIds(data: unknown, relationship: string): string[] {
  const related = asRecord(asRecord(asRecord(data)['relationships'])[relationship])['data'];
  return Array.isArray(related) ? related.map((entry) => asRecord(entry)['id']).filter((id): id is string => typeof id === 'string') : [];
}

/**
 * Resolutions as descriptors: a resolution's id is its IP address followed by its host name
 * (`93.184.215.14example.org`), so either half is found from the other.
 */
export function resolutionsOf(data: unknown, known: { domain: string } | { ip: string }): Array<Record<string, string>> {
  return relatedIds(data, 'resolutions').flatMap((id): Array<Record<string, string>> => {
    if ('domain' in known) return id.endsWith(known.domain) && id.length > known.domain.length ? [{ ip_address: id.slice(0, -known.domain.length) }] : [];
    return id.startsWith(known.ip) && id.length > known.ip.length ? [{ hostname: id.slice(known.ip.length) }] : [];
  });
}
