import { appendFile } from 'node:fs/promises';
import type { ActionContext } from '../../contracts/context.js';
import type { Paging } from '../../contracts/rest.js';
import { collectPages, concatenated, type Page, type PageRequest } from './paging.js';

/**
 * Runs a declaration's paging and returns the body its results are made from: the concatenated
 * pages, the vendor's own fold of them, or a results file (`{ [key]: path, count }`), with the
 * partial-results rule applied when a later page failed.
 */
export async function collectedBody<Args, Config>(
  ctx: ActionContext<Config>,
  slug: string,
  paging: Paging<Args>,
  args: Args,
  fetchPage: (request: PageRequest) => Promise<Page>,
): Promise<unknown> {
  const collect = paging.collect ?? 'concat';
  const fileKey = typeof collect === 'object' && 'file' in collect ? collect.file : undefined;
  const fold = typeof collect === 'object' && 'fold' in collect ? collect.fold : undefined;
  const items: unknown[] = [];
  const file = fileKey ? await ctx.files.writeText(`${slug}-results.json`, '[') : undefined;
  let written = 0;
  let folded: unknown;
  const outcome = await collectPages(
    paging,
    args,
    fetchPage,
    {
      add: async (page, body, index) => {
        if (fold) {
          folded = fold(folded, { body, index });
        } else if (!file) {
          items.push(...page);
        } else if (page.length > 0) {
          await appendFile(ctx.files.resolve(file), `${written > 0 ? ',' : ''}${page.map((item) => JSON.stringify(item)).join(',')}`);
          written += page.length;
        }
      },
    },
    ctx.signal,
  );
  if (outcome.truncated) ctx.log.warn('paging stopped at its page bound; the vendor has more', { action: slug, pages: outcome.pages, items: outcome.collected });
  let body: unknown;
  if (file) {
    await appendFile(ctx.files.resolve(file), ']');
    body = { [fileKey!]: file, count: written };
  } else {
    body = fold ? folded : concatenated(paging, outcome.firstBody, items);
  }
  if (!outcome.failure || !paging.partial) return body;
  ctx.log.warn('a later page failed; the results hold the pages collected before it', { action: slug, pages: outcome.pages, error: outcome.failure.message });
  return paging.partial(body, outcome.failure);
}
