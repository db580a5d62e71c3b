import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestPly, plyErrorOf } from '@ply/kit/testing';
import { defineModule, type Paging, type PluginDefinition } from '../src/index.js';
import { useRecordingVendors } from './recording-vendor.js';

// The paging a vendor with its own page aggregation needs (sums and maxima across pages, a start
// page and a page budget from the arguments that are never sent, partial results when a later page
// is refused), proved against a generic recording API.
const vendor = useRecordingVendors();

const configuration = z.object({ base_url: z.string() });
const args = z.object({ q: z.string(), first_page: z.number().int().optional().meta({ in: 'none' }), budget: z.number().int().default(1).meta({ in: 'none' }) });
type Args = z.output<typeof args>;

function searchPlugin(paging: Paging<Args>): PluginDefinition {
  const acme = defineModule({
    uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000d0',
    slug: 'acme',
    name: 'Acme Intel',
    description: 'A REST API',
    categories: ['Threat Intelligence'],
    configuration,
    engines: { ply: '>=0.1.0' },
    http: { baseUrl: (config) => config.base_url },
  });
  return acme.plugin({
    actions: [
      acme.restAction({
        uuid: '0b7f2d6e-0000-4c57-9d7e-0000000000d1',
        slug: 'search',
        name: 'Search',
        description: 'Pages',
        docker_parameters: 'acme_search',
        method: 'GET',
        path: 'search',
        arguments: args,
        results: z.looseObject({}),
        paging,
      }),
    ],
  });
}

interface Summary {
  count: number;
  took: number;
  page: number;
  results: unknown[];
  error?: string;
}

/** The vendor's own aggregation: counts and durations add up, the last page is the highest seen. */
const summary: Paging<Args>['collect'] = {
  fold: (collected, { body }) => {
    const page = body as Summary;
    const before = collected as Summary | undefined;
    return {
      count: (before?.count ?? 0) + page.count,
      took: (before?.took ?? 0) + page.took,
      page: Math.max(before?.page ?? 0, page.page),
      results: [...(before?.results ?? []), ...page.results],
    };
  },
};

function pagedApi(lastPage: number, refused?: number) {
  return vendor((app) =>
    app.get('/search', (c) => {
      const page = Number(c.req.query('page'));
      if (page === refused) return c.json({ error: 'quota exhausted' }, 429);
      return c.json({ count: 2, took: 0.5, page, max_page: lastPage, results: [`${page}a`, `${page}b`] });
    }),
  );
}

const paging = (extra: Partial<Paging<Args> & { kind: 'page' }> = {}): Paging<Args> => ({
  kind: 'page',
  param: 'page',
  items: 'results',
  start: (a) => a.first_page,
  maxPages: (a) => a.budget,
  stop: ({ body }) => (body as { page: number; max_page: number }).page >= (body as { max_page: number }).max_page,
  collect: summary,
  ...extra,
});

async function run(plugin: PluginDefinition, argumentsGiven: Record<string, unknown>, baseUrl: string) {
  const { ply, logs } = createTestPly({ plugins: [{ plugin }] });
  return { result: await ply.run({ action: 'acme.search', arguments: argumentsGiven, configuration: { base_url: baseUrl } }), logs };
}

describe('REST declarations: paging folded the vendor’s way', () => {
  it('starts at the page the arguments name, stops at their budget, and folds every page into one body', async () => {
    const api = await pagedApi(10);
    const { result } = await run(searchPlugin(paging()), { q: 'x', first_page: 3, budget: 3 }, api.url);
    expect(result.results).toEqual({ count: 6, took: 1.5, page: 5, results: ['3a', '3b', '4a', '4b', '5a', '5b'] });
    expect(api.received.map((request) => request.query['page']?.[0])).toEqual(['3', '4', '5']);
  });

  it("never sends the arguments the paging reads (start page, budget: `in: 'none'`), only what the vendor reads", async () => {
    const api = await pagedApi(1);
    await run(searchPlugin(paging()), { q: 'x', first_page: 1, budget: 4 }, api.url);
    expect(api.received).toHaveLength(1);
    expect(Object.keys(api.received[0]!.query).sort()).toEqual(['page', 'q']);
  });

  it('stops at the last page the vendor announces, under the budget', async () => {
    const api = await pagedApi(2);
    const { result } = await run(searchPlugin(paging()), { q: 'x', budget: 10 }, api.url);
    expect(result.results).toMatchObject({ count: 4, page: 2 });
    expect(api.received).toHaveLength(2);
  });

  it('keeps what the earlier pages gave when a later page is refused, as the declaration shapes it', async () => {
    const api = await pagedApi(10, 2);
    const plugin = searchPlugin(paging({ partial: (collected, error) => ({ ...(collected as Summary), error: `${String(error.details['status'])}: ${error.message}` }) }));
    const { result, logs } = await run(plugin, { q: 'x', budget: 3 }, api.url);
    expect(result.results).toMatchObject({ count: 2, page: 1, results: ['1a', '1b'], error: expect.stringMatching(/^429: .*quota exhausted/) as unknown });
    expect(logs.text()).toContain('a later page failed; the results hold the pages collected before it');
  });

  it('fails the run when the first page is refused, or when a later page is and partial results are not declared', async () => {
    const first = await pagedApi(10, 1);
    const withPartial = searchPlugin(paging({ partial: (collected) => collected }));
    expect((await plyErrorOf(run(withPartial, { q: 'x', budget: 3 }, first.url))).details['status']).toBe(429);
    const later = await pagedApi(10, 2);
    expect((await plyErrorOf(run(searchPlugin(paging()), { q: 'x', budget: 3 }, later.url))).details['status']).toBe(429);
  });
});
