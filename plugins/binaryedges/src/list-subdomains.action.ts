import { z } from 'zod';
import { binaryEdge } from './module.js';
import { eventPages, pageArguments } from './pages.js';
import { subdomainsSchema } from './schemas/domains.schema.js';

/** `GET query/domains/subdomain/{target}`. */
export const listSubdomainsAction = binaryEdge.restAction({
  uuid: '124b57d8-f3bf-4625-a817-ebd8696df848',
  slug: 'list_subdomains',
  name: 'List subdomains',
  description: 'Return list of subdomains known from the target domains.',
  docker_parameters: 'get-query/domains/subdomain/{target}',
  method: 'GET',
  path: 'query/domains/subdomain/{target}',
  arguments: z
    .object({
      target: z.string().min(1).describe('The domain'),
      ...pageArguments,
    })
    .meta({ title: 'List subdomains' }),
  results: subdomainsSchema,
  paging: eventPages,
  notFound: (args) => `domain ${args.target}`,
});
