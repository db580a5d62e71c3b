import { PlyError, type ActionContext, type ModuleRequest } from '@ply/core';
import type { AzureAdConfiguration } from './configuration.js';
import { azureAd } from './module.js';

/** One page of a Graph collection: `{ "value": [...], "@odata.nextLink"?: "..." }`. */
export interface GraphPage {
  items: unknown[];
  next: string | undefined;
}

async function page(ctx: ActionContext<AzureAdConfiguration>, request: ModuleRequest): Promise<GraphPage> {
  const { body } = await azureAd.request(ctx, request);
  const value = (body as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(value)) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `Microsoft Graph answered ${request.path.split('?', 1)[0]} without a "value" list`);
  const next = (body as Record<string, unknown>)['@odata.nextLink'];
  return { items: value, next: typeof next === 'string' && next !== '' ? next : undefined };
}

/**
 * The pages of a Graph collection, following `@odata.nextLink` (an absolute URL on the Graph host,
 * which already carries the query: only the headers are sent again) until there is none.
 */
export async function* graphPages(ctx: ActionContext<AzureAdConfiguration>, first: ModuleRequest): AsyncGenerator<unknown[]> {
  let current = await page(ctx, first);
  for (;;) {
    yield current.items;
    if (current.next === undefined) return;
    current = await page(ctx, { path: current.next, ...(first.headers ? { headers: first.headers } : {}), ...(first.notFound ? { notFound: first.notFound } : {}) });
  }
}

/** Every item of at most `maxPages` pages; says in the log when Graph had more. */
export async function collectGraph(ctx: ActionContext<AzureAdConfiguration>, first: ModuleRequest, maxPages: number): Promise<unknown[]> {
  const items: unknown[] = [];
  let pages = 0;
  for await (const list of graphPages(ctx, first)) {
    items.push(...list);
    pages += 1;
    if (pages >= maxPages) {
      ctx.log.info('paging stopped at max_pages; Microsoft Graph may have more', { pages, items: items.length });
      break;
    }
  }
  return items;
}
