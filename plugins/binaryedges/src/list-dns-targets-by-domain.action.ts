import { z } from 'zod';
import { binaryEdge } from './module.js';
import { dnsRecordsSchema } from './schemas/domains.schema.js';
import { eventPages, pageArguments } from './pages.js';

/** `GET query/domains/dns/{target}`. */
export const listDnsTargetsByDomainAction = binaryEdge.restAction({
  uuid: '27d556e4-b2d9-4adb-9dfe-87dae867a974',
  slug: 'list_dns_targets_by_domain',
  name: 'List DNS targets by domain',
  description: 'Return list of known DNS results for the target domain. Possible types of records currently available:\n\n -A, AAAA, NS, MX',
  docker_parameters: 'get-query/domains/dns/{target}',
  method: 'GET',
  path: 'query/domains/dns/{target}',
  arguments: z
    .object({
      target: z.string().min(1).describe('The domain'),
      ...pageArguments,
    })
    .meta({ title: 'List DNS targets by domain' }),
  results: dnsRecordsSchema,
  paging: eventPages,
  notFound: (args) => `domain ${args.target}`,
});
