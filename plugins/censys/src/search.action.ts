import { z } from 'zod';
import { indexArgument, v2Index } from './index-mapping.js';
import { censys } from './module.js';
import { resultFileSchema } from './result-file.schema.js';
import { searchRequest } from './v2-requests.js';

/** Search 2.0 pages hold up to 100 hits, as a v1 request did: `max_requests` counts pages. */
const PER_PAGE = 100;
/** `max_requests: 0` (the reference's "no limit") still stops somewhere: 10,000 pages, a million hits, streamed to the file. */
const UNBOUNDED_PAGES = 10_000;

/**
 * Search: the reference's v1 search on Search 2.0 (`v2/hosts/search`, or `v2/certificates/search`),
 * its hits written to a results file. `last_run` bounds the last update, as the reference did.
 */
export const searchAction = censys.action({
  uuid: '46d958ca-5965-4289-abb3-45e65865a1b9',
  slug: 'search',
  name: 'Search',
  description: 'Search items from Censys API',
  docker_parameters: 'censys-search',
  arguments: z
    .object({
      query: z.string().min(1).describe('Query to execute (Censys Search Language)'),
      last_run: z.string().optional().describe('Date of the last run: only items updated since then'),
      index: indexArgument('Name of the index to search'),
      fields: z.array(z.string()).optional().describe('Fields to return'),
      max_requests: z
        .number()
        .int()
        .min(0)
        .default(1)
        .describe('Maximum number of requests to send to the API. Useful to avoid spending too much credits on the same query. 0 is no limit. Defaults to 1'),
    })
    .meta({ title: 'Arguments' }),
  results: resultFileSchema('Path of results file').extend({ count: z.number().int().optional().describe('Number of items in the file') }),
  async run(ctx, args) {
    const v2 = v2Index(args.index);
    const q = args.last_run ? `(${args.query}) AND ${v2.updatedAt}: [${args.last_run} TO *]` : args.query;
    return searchRequest.run(ctx, {
      resource: v2.resource,
      q,
      per_page: PER_PAGE,
      ...(v2.virtual_hosts ? { virtual_hosts: v2.virtual_hosts } : {}),
      ...(args.fields ? { fields: args.fields } : {}),
      max_pages: args.max_requests === 0 ? UNBOUNDED_PAGES : args.max_requests,
    });
  },
});
