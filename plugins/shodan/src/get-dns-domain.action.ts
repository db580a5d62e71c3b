import { z } from 'zod';
import { shodan } from './module.js';

export const getDnsDomainAction = shodan.restAction({
  uuid: '0960d6d4-dfe0-4968-8735-41299adcf71d',
  slug: 'get_dns_domain',
  name: 'Get DNS domain',
  description: 'Get all the subdomains and other DNS entries for the given domain. Uses 1 query credit per lookup.',
  docker_parameters: 'get-dns/domain/{domain}',
  method: 'GET',
  path: 'dns/domain/{domain}',
  arguments: z.object({ domain: z.string().min(1).meta({ in: 'path' }).describe('Domain name to lookup; example "cnn.com".') }).meta({ title: 'get_dns_domain' }),
  results: z.looseObject({
    domain: z.string().nullish(),
    tags: z.array(z.string()).nullish(),
    data: z
      .array(
        z.looseObject({
          subdomain: z.string().nullish(),
          type: z.string().nullish(),
          value: z.string().nullish(),
          last_seen: z.string().nullish(),
        }),
      )
      .nullish(),
    more: z.boolean().nullish(),
  }),
  notFound: (args) => `domain ${args.domain}`,
});
