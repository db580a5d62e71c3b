import { z } from 'zod';
import { binaryEdge } from './module.js';
import { hostCvesSchema } from './schemas/host-events.schema.js';

/** `GET query/cve/ip/{target}`. */
export const listCvesAction = binaryEdge.restAction({
  uuid: '7c6d79dc-48b5-4e68-bb9e-ad0d6eb807bb',
  slug: 'list_cves',
  name: 'List CVEs',
  description: 'Get list of CVEs that migh affect a specific IP.\n\n **Note**: Available for paid subscriptions only.',
  docker_parameters: 'get-query/cve/ip/{target}',
  method: 'GET',
  path: 'query/cve/ip/{target}',
  arguments: z
    .object({
      target: z.string().min(1).describe('The target: an IP address or CIDR'),
    })
    .meta({ title: 'List CVEs' }),
  results: hostCvesSchema,
  notFound: (args) => `host ${args.target}`,
});
