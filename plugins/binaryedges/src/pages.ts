import type { Paging } from '@ply/core';
import { z } from 'zod';

/** The page arguments of BinaryEdge's paged calls: where to start, and a bound (each page costs a query credit). */
export const pageArguments = {
  page: z.number().int().min(1).max(500).optional().describe('The page to fetch first (BinaryEdge: default 1, at most 500)'),
  max_pages: z
    .number()
    .int()
    .min(1)
    .max(500)
    .default(1)
    .meta({ in: 'none' })
    .describe('Fetch up to this many pages from `page` on, their events joined (default 1, as the reference: each page costs a query credit)'),
};

interface PageAnswer {
  page?: number;
  pagesize?: number;
  total?: number;
}

/**
 * BinaryEdge's paging (`?page=N`, `page` / `pagesize` / `total` in each answer): from the `page`
 * asked, up to `max_pages` pages, stopping once the pages seen hold every event BinaryEdge counts.
 */
export const eventPages: Paging<{ page?: number | undefined; max_pages: number }> = {
  kind: 'page',
  param: 'page',
  items: 'events',
  start: (args) => args.page,
  maxPages: (args) => args.max_pages,
  stop: ({ body }) => {
    const { page, pagesize, total } = body as PageAnswer;
    return typeof page === 'number' && typeof pagesize === 'number' && typeof total === 'number' && page * pagesize >= total;
  },
};
