import type { Context } from 'hono';
import type { Json } from './state.js';

/** Graph's error body (https://learn.microsoft.com/en-us/graph/errors). */
export function graphError(c: Context, status: 400 | 401 | 403 | 404 | 429 | 500 | 502 | 503 | 504, code: string, message: string) {
  return c.json({ error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': crypto.randomUUID(), 'client-request-id': crypto.randomUUID() } } }, status);
}

type Clause = { field: string; op: 'eq' | 'ge' | 'le'; value: string | number };

/**
 * The `$filter` subset the fake understands, as OData v4 writes it (https://learn.microsoft.com/en-us/graph/filter-query-parameter):
 * `field eq 'text'` (a quote doubled inside), `field ge 2025-01-01T00:00:00Z`, joined by `and`.
 * Anything else is refused as Graph refuses an invalid filter; undefined means no filter.
 */
export function parseFilter(filter: string | undefined): Clause[] | undefined | 'invalid' {
  if (filter === undefined) return undefined;
  const clauses: Clause[] = [];
  let rest = filter.trim();
  for (;;) {
    const match = /^([A-Za-z]+)\s+(eq|ge|le)\s+('(?:[^']|'')*'|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)/.exec(rest);
    if (!match) return 'invalid';
    const raw = match[3]!;
    clauses.push({ field: match[1]!, op: match[2] as Clause['op'], value: raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : Date.parse(raw) });
    rest = rest.slice(match[0].length).trim();
    if (rest === '') return clauses;
    if (!rest.startsWith('and ')) return 'invalid';
    rest = rest.slice(4).trim();
  }
}

export function matches(item: Json, clauses: Clause[]): boolean {
  return clauses.every(({ field, op, value }) => {
    const actual = item[field];
    if (typeof value === 'string') return op === 'eq' && String(actual ?? '').toLowerCase() === value.toLowerCase();
    const time = Date.parse(String(actual));
    return op === 'ge' ? time >= value : op === 'le' ? time <= value : time === value;
  });
}

/**
 * One page of a collection: `{ "@odata.context", "value", "@odata.nextLink"? }`, the next link an
 * absolute URL carrying the query and a `$skiptoken` (https://learn.microsoft.com/en-us/graph/paging).
 */
export function collectionPage(c: Context, items: Json[], pageSize: number, context: string) {
  const url = new URL(c.req.url);
  const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
  const top = Number(url.searchParams.get('$top') ?? pageSize);
  const size = Math.min(top, pageSize);
  const page = items.slice(skip, skip + size);
  const body: Json = { '@odata.context': `${url.origin}/v1.0/$metadata#${context}`, value: page };
  if (url.searchParams.get('$count') === 'true') body['@odata.count'] = items.length;
  if (skip + size < items.length) {
    url.searchParams.set('$skiptoken', String(skip + size));
    body['@odata.nextLink'] = url.toString();
  }
  return c.json(body);
}

/** Sorted by `$orderby` (`field asc|desc`), the only form the fake accepts. */
export function ordered(items: Json[], orderby: string | undefined): Json[] | 'invalid' {
  if (orderby === undefined) return items;
  const match = /^([A-Za-z]+)(?:\s+(asc|desc))?$/.exec(orderby.trim());
  if (!match) return 'invalid';
  const [, field, direction] = match;
  const sorted = [...items].sort((a, b) => String(a[field!] ?? '').localeCompare(String(b[field!] ?? '')));
  return direction === 'desc' ? sorted.reverse() : sorted;
}
