import { z } from 'zod';
import { onyphe } from './module.js';
import { onyphePaging } from './onyphe-pages.js';
import { pagedResultsSchema } from './results.schema.js';

/** The paging arguments of the reference's lookups (defaults as the reference applies them), read by the paging, never sent as such. */
export const pageArguments = {
  budget: z.number().int().min(0).default(1).meta({ in: 'none' }).describe('Maximum number of pages to retrieve (0: every page Onyphe gives, up to its 10,000 results)'),
  first_page: z.number().int().min(1).default(1).meta({ in: 'none' }).describe('Start retrieving data from this page'),
};

/** One of the reference's paged lookups: `GET simple/<category>/<value>?page=N` (or `summary/ip/`). */
export interface PagedLookup {
  uuid: string;
  slug: string;
  name: string;
  description: string;
  docker_parameters: string;
  /** The API v2 path of the lookup, before the value (`simple/inetnum`, `summary/ip`). */
  endpoint: string;
  /** The argument holding the value looked up (`ip`, `domain`...), and its schema. */
  argument: string;
  value: z.ZodType<string>;
  /** Sent in lower case (Onyphe does not find `GOOGLE.COM`). */
  lowerCase?: boolean;
}

/**
 * The declaration of a paged lookup: pages from `first_page`, aggregated up to `budget`. The
 * looked-up argument's name varies, so the schema's static type names only the paging arguments
 * (what the paging reads); the value is read by its name.
 */
export function pagedLookup(lookup: PagedLookup) {
  const { endpoint, argument, value, lowerCase, ...item } = lookup;
  const category = endpoint.replace(/^(simple|summary)\//, '');
  const schema = z.object({ [argument]: value, ...pageArguments }).meta({ title: 'Arguments' }) as unknown as z.ZodObject<typeof pageArguments>;
  type Args = z.output<typeof schema>;
  const valueOf = (args: Args): string => String((args as Record<string, unknown>)[argument]);
  return onyphe.restAction({
    ...item,
    method: 'GET',
    path: `${endpoint}/{${argument}}`,
    arguments: schema,
    ...(lowerCase ? { prepare: (args: Args): Args => ({ ...args, [argument]: valueOf(args).toLowerCase() }) } : {}),
    results: pagedResultsSchema,
    paging: onyphePaging,
    notFound: (args) => `${category} information on ${valueOf(args)}`,
  });
}
