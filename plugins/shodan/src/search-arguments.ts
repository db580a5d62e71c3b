import { z } from 'zod';

export const queryArgument = z
  .string()
  .min(1)
  .meta({ in: 'query' })
  .describe(
    'Shodan search query. The provided string is used to search the database of banners in Shodan, with the additional option to provide filters inside the search query using a "filter:value" format. For example, the following search query would find Apache webservers located in Germany: "apache country:DE".',
  );

export const facetsArgument = z
  .string()
  .optional()
  .meta({ in: 'query' })
  .describe(
    'A comma-separated list of properties to get summary information on. Property names can also be in the format of "property:count", where "count" is the number of facets that will be returned for a property (i.e. "country:100" to get the top 100 countries for a search query).',
  );
