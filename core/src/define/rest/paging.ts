import type { QueryValue, UrlParts } from '../../contracts/http.js';
import type { Paging } from '../../contracts/rest.js';
import { PlyError, toPlyError } from '../../errors/ply-error.js';
import { readBody, replaceAt } from './body-reader.js';

/** What to change for the next page: query parameters, or a whole URL given by the vendor. */
export type PageRequest = { query: Record<string, QueryValue> } | { url: UrlParts };

/** One page as answered. */
export interface Page {
  body: unknown;
  /** The `Link` header, for `link` paging. */
  link: string | null;
  url: UrlParts;
}

/** Receives each page: its items (kept in memory, or written to a file) and its body (for a fold). */
export interface ItemSink {
  add(items: unknown[], body: unknown, index: number): Promise<void>;
}

/** What paging produced: the first page's body, how many items and pages, and whether pages were left. */
export interface PagingOutcome {
  firstBody: unknown;
  collected: number;
  pages: number;
  /** The page bound stopped it while the vendor had more. */
  truncated: boolean;
  /** A page after the first failed and the declaration keeps partial results: that failure. */
  failure?: PlyError;
}

const DEFAULT_MAX_PAGES = 10;

/** The number of the first page of a page scheme: declared, from the arguments, or 1. */
function startPage<Args>(paging: Paging<Args> & { kind: 'page' }, args: Args): number {
  const start = typeof paging.start === 'function' ? paging.start(args) : paging.start;
  return start !== undefined && Number.isFinite(start) ? Math.floor(start) : 1;
}

/** The first page's request: the start of a page or offset scheme, nothing for the others. */
export function firstPageRequest<Args>(paging: Paging<Args>, args: Args): PageRequest {
  switch (paging.kind) {
    case 'page':
      return { query: { [paging.param]: startPage(paging, args), ...(paging.sizeParam && paging.size ? { [paging.sizeParam]: paging.size } : {}) } };
    case 'offset':
      return { query: { [paging.offsetParam]: 0, [paging.limitParam]: paging.limit } };
    default:
      return { query: {} };
  }
}

function itemsOf<Args>(paging: Paging<Args>, body: unknown, url: UrlParts): unknown[] {
  const items = paging.items === undefined ? body : readBody<unknown[]>(body, paging.items);
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `${url.origin}${url.pathname} answered a page whose items (${typeof paging.items === 'string' ? paging.items : 'the body'}) are not a list`);
  return items;
}

/** The `rel="next"` target of a `Link` header (RFC 8288), resolved against the page's URL. */
function nextLink(link: string | null, base: UrlParts): URL | undefined {
  for (const part of link?.split(',') ?? []) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (match && /(^|;)\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(match[2]!)) return new URL(match[1]!, base.href);
  }
  return undefined;
}

/** The request of the page after `page`, or undefined when the scheme says it was the last. */
function nextRequest<Args>(paging: Paging<Args>, args: Args, page: Page, index: number, items: unknown[]): PageRequest | undefined {
  switch (paging.kind) {
    case 'page':
      if (paging.size !== undefined && items.length < paging.size) return undefined;
      return { query: { [paging.param]: startPage(paging, args) + index + 1, ...(paging.sizeParam && paging.size ? { [paging.sizeParam]: paging.size } : {}) } };
    case 'offset':
      if (items.length < paging.limit) return undefined;
      return { query: { [paging.offsetParam]: (index + 1) * paging.limit, [paging.limitParam]: paging.limit } };
    case 'cursor': {
      const cursor = readBody<string | undefined>(page.body, paging.next);
      return cursor === undefined || cursor === null || cursor === '' ? undefined : { query: { [paging.param]: cursor } };
    }
    case 'link': {
      const url = nextLink(page.link, page.url);
      return url ? { url } : undefined;
    }
    case 'next-url': {
      const next = readBody<string | undefined>(page.body, paging.next);
      return typeof next === 'string' && next !== '' ? { url: new URL(next, page.url.href) } : undefined;
    }
  }
}

/** Failures of a later page that partial results may stand in for: what the vendor or the network did, not the run's own end. */
const PARTIAL_FAILURES = new Set(['PLY_VENDOR_HTTP_ERROR', 'PLY_VENDOR_RESPONSE_INVALID', 'PLY_NETWORK_ERROR', 'PLY_HTTP_TIMEOUT']);

/**
 * Fetches pages until the scheme ends (no next page, an empty or short page), `stop` says so, or
 * `maxPages` is reached, handing each page to `sink`. A later page's failure ends the paging with
 * `failure` set when the declaration keeps partial results (and `signal` was not aborted).
 */
export async function collectPages<Args>(paging: Paging<Args>, args: Args, fetchPage: (request: PageRequest) => Promise<Page>, sink: ItemSink, signal?: AbortSignal): Promise<PagingOutcome> {
  const bound = typeof paging.maxPages === 'function' ? paging.maxPages(args) : paging.maxPages;
  const maxPages = bound !== undefined && Number.isFinite(bound) && bound > 0 ? Math.floor(bound) : DEFAULT_MAX_PAGES;
  let request: PageRequest | undefined = firstPageRequest(paging, args);
  let firstBody: unknown;
  let collected = 0;
  for (let index = 0; request !== undefined; index += 1) {
    let page: Page;
    try {
      page = await fetchPage(request);
    } catch (error) {
      const failure = toPlyError(error);
      if (index === 0 || !paging.partial || signal?.aborted || !PARTIAL_FAILURES.has(failure.code)) throw error;
      return { firstBody, collected, pages: index, truncated: false, failure };
    }
    if (index === 0) firstBody = page.body;
    const items = itemsOf(paging, page.body, page.url);
    await sink.add(items, page.body, index);
    collected += items.length;
    const next = items.length === 0 ? undefined : nextRequest(paging, args, page, index, items);
    if (next === undefined || paging.stop?.({ index, items, body: page.body, collected })) return { firstBody, collected, pages: index + 1, truncated: false };
    if (index + 1 >= maxPages) return { firstBody, collected, pages: index + 1, truncated: true };
    request = next;
  }
  return { firstBody, collected, pages: 0, truncated: false };
}

/** The concatenated results: the first body with every item at the items path (or the list alone). */
export function concatenated<Args>(paging: Paging<Args>, firstBody: unknown, items: unknown[]): unknown {
  return typeof paging.items === 'string' ? replaceAt(firstBody, paging.items, items) : items;
}
