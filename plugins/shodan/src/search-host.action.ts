import { z } from 'zod';
import { shodan } from './module.js';
import { bannerSchema, facetsSchema } from './schemas.js';
import { facetsArgument, queryArgument } from './search-arguments.js';

/** Shodan answers 100 matches a page. */
const PAGE_SIZE = 100;

export const searchHostAction = shodan.restAction({
  uuid: '5cb712d6-7dc9-43bb-b0cd-956d01392e0a',
  slug: 'search_host',
  name: 'Search Host',
  description: 'Search Shodan using the same query syntax as the website and use facets to get summary information for different properties.',
  docker_parameters: 'get-shodan/host/search',
  method: 'GET',
  path: 'shodan/host/search',
  arguments: z
    .object({
      query: queryArgument,
      facets: facetsArgument,
      // Not sent: it bounds the paging below (the reference's loop over `page`).
      max_pages: z.int().min(1).default(1).meta({ in: 'none' }).describe('Set the maximum number of pages retrieved.'),
      minify: z.boolean().optional().meta({ in: 'query' }).describe('True or False; whether or not to truncate some of the larger fields (default: True) '),
    })
    .meta({ title: 'get_shodan_host_search' }),
  results: z.looseObject({
    matches: z.array(bannerSchema).nullish(),
    facets: facetsSchema.nullish(),
    total: z.int().nullish(),
  }),
  paging: {
    kind: 'page',
    param: 'page',
    start: 1,
    size: PAGE_SIZE,
    items: 'matches',
    maxPages: (args) => args.max_pages,
    // As the reference: the last page is the one that reaches `total`.
    stop: ({ index, body }) => Number((body as { total?: unknown }).total ?? 0) / PAGE_SIZE <= index + 1,
  },
});
