import { z } from 'zod';

/** What every paged BinaryEdge answer carries around its `events`. */
export function pagedEvents<E extends z.ZodType>(event: E) {
  return z.looseObject({
    query: z.string().optional(),
    page: z.number().int().optional(),
    pagesize: z.number().int().optional(),
    total: z.number().int().optional(),
    events: z.array(event).optional(),
  });
}

/** What an unpaged answer carries around its `events`. */
export function queryEvents<E extends z.ZodType>(event: E) {
  return z.looseObject({
    total: z.number().int().optional(),
    query: z.string().optional(),
    events: z.array(event).optional(),
  });
}

/** The buckets of a statistics call: `[{ key, doc_count }]` (the key is a port number for some types). */
export const statisticsSchema = z
  .array(
    z.looseObject({
      key: z.union([z.string(), z.number()]).optional(),
      doc_count: z.number().int().optional(),
    }),
  )
  .describe('One bucket per value of the statistic');

/** A list of strings (tags, addresses, subdomains). */
export const stringsSchema = z.array(z.string());
