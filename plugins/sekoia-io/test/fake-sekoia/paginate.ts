import type { Context } from 'hono';

/** `limit`/`offset` paging of Sekoia.io lists: `{items, total}` (plus `has_more` where asked). */
export function paginate<T>(c: Context, items: T[], defaultLimit = 20): { items: T[]; total: number; has_more: boolean } {
  const limit = Number(c.req.query('limit') ?? defaultLimit);
  const offset = Number(c.req.query('offset') ?? 0);
  const page = items.slice(offset, offset + limit);
  return { items: page, total: items.length, has_more: offset + page.length < items.length };
}
