import { z } from 'zod';
import { binaryEdge } from './module.js';
import { dnsRecordsSchema } from './schemas/domains.schema.js';
import { eventPages, pageArguments } from './pages.js';

/** `GET query/domains/ip/{target}`. */
export const listDomainsByIpAction = binaryEdge.restAction({
  uuid: '5c612eb9-7aa1-4137-ae65-45d5a7d10b60',
  slug: 'list_domains_by_ip',
  name: 'List domains by IP',
  description: 'Return records that have the specified IP address in their A or AAAA records.\n\n **Nota**: Available for paid subscriptions only.',
  docker_parameters: 'get-query/domains/ip/{target}',
  method: 'GET',
  path: 'query/domains/ip/{target}',
  arguments: z
    .object({
      target: z.string().min(1).describe('The target: an IP address or CIDR'),
      ...pageArguments,
    })
    .meta({ title: 'List domains by IP' }),
  results: dnsRecordsSchema,
  paging: eventPages,
  notFound: (args) => `host ${args.target}`,
});
