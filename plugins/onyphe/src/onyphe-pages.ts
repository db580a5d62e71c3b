import type { Paging, PlyError } from '@ply/core';
import type { PagedResults } from './results.schema.js';

/** Onyphe returns at most 10,000 documents, 10 a page: a budget of 0 ("no limit") stops there. */
export const MAX_PAGES = 1000;

/** The arguments every paged lookup reads itself: neither is sent as such. */
export interface PageArguments {
  budget: number;
  first_page: number;
}

interface OnypheAnswer {
  count?: number;
  error?: number;
  message?: string;
  myip?: string;
  results?: unknown[];
  status?: string;
  took?: string | number;
  total?: number;
  max_page?: number;
  page?: number;
}

const seconds = (took: unknown): number => (Number.isFinite(Number(took)) ? Number(took) : 0);

/**
 * One more page folded in, the way the reference module aggregates Onyphe's pages: counts and
 * durations add up, the results follow each other, total / max_page / page keep their maximum,
 * error, message, myip and status are the last page's (`nok` once an error came).
 */
export function foldPage(collected: unknown, page: { body: unknown }): PagedResults {
  const before = collected as PagedResults | undefined;
  const answer = (typeof page.body === 'object' && page.body !== null ? page.body : {}) as OnypheAnswer;
  const error = answer.error ?? 0;
  return {
    ...answer,
    count: (before?.count ?? 0) + (answer.count ?? 0),
    error,
    ...(error !== 0 ? { message: answer.message ?? '' } : {}),
    myip: answer.myip ?? '',
    results: [...(before?.results ?? []), ...((answer.results ?? []) as PagedResults['results'])],
    status: error !== 0 ? 'nok' : (answer.status ?? 'nok'),
    took: (seconds(before?.took) + seconds(answer.took)).toFixed(3),
    total: Math.max(before?.total ?? 0, answer.total ?? 0),
    max_page: Math.max(before?.max_page ?? 1, answer.max_page ?? 1),
    page: Math.max(before?.page ?? 1, answer.page ?? 1),
  };
}

/**
 * A page after the first failed: keep the pages already paid for, marked as the reference marks
 * them (`error: -1`, `status: "nok"`, the failure in `message`).
 */
function partialResults(collected: unknown, failure: PlyError): PagedResults {
  const status = failure.details['status'];
  const said = failure.details['vendorMessage'];
  const message = status !== undefined ? `${String(status)} ${typeof said === 'string' ? said : failure.message}` : failure.message;
  return { ...(collected as PagedResults), error: -1, status: 'nok', message };
}

/**
 * Onyphe's paging (`?page=N`): from `first_page`, at most `budget` pages (0: up to {@link MAX_PAGES}),
 * ending at the last page Onyphe announces (`max_page`) or at the first answer with an error.
 */
export const onyphePaging: Paging<PageArguments> = {
  kind: 'page',
  param: 'page',
  items: 'results',
  start: (args) => args.first_page,
  maxPages: (args) => (args.budget === 0 ? MAX_PAGES : args.budget),
  stop: ({ body }) => {
    const answer = body as OnypheAnswer;
    return (answer.error ?? 0) !== 0 || typeof answer.max_page !== 'number' || (answer.page ?? 1) >= answer.max_page;
  },
  collect: { fold: foldPage },
  partial: partialResults,
};
