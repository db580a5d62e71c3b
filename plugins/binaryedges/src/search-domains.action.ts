import { z } from 'zod';
import { binaryEdge } from './module.js';
import { dnsRecordsSchema } from './schemas/domains.schema.js';
import { eventPages, pageArguments } from './pages.js';

/** `GET query/domains/search`. */
export const searchDomainsAction = binaryEdge.restAction({
  uuid: '2172d425-5537-4770-ad32-dcafb040f4e2',
  slug: 'search_domains',
  name: 'Search domains',
  description: 'List of Domains/DNS data based on a Query. Can be used with specific parameters and/or full-text search. Possible types of records currently available:\n\n -A, AAAA, NS, MX, CNAME, TXT',
  docker_parameters: 'get-query/domains/search',
  method: 'GET',
  path: 'query/domains/search',
  arguments: z
    .object({
      query: z.string().min(1).describe('The query, in BinaryEdge\'s search language'),
      ...pageArguments,
    })
    .meta({ title: 'Search domains' }),
  results: dnsRecordsSchema,
  paging: eventPages,
});
