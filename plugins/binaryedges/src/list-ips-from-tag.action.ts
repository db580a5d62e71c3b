import { z } from 'zod';
import { binaryEdge } from './module.js';
import { stringsSchema } from './schemas/common.schema.js';

/** `GET query/sensors/tag/{tag}`. */
export const listIpsFromTagAction = binaryEdge.restAction({
  uuid: 'bd5ca9b2-5c9f-4ecd-8122-ad3ba09c83f5',
  slug: 'list_ips_from_tag',
  name: 'List IPs from tag',
  description: 'Get a list of IPs that have been associated with a specific TAG.',
  docker_parameters: 'get-query/sensors/tag/{tag}',
  method: 'GET',
  path: 'query/sensors/tag/{tag}',
  arguments: z
    .object({
      tag: z.string().min(1).describe('The sensor tag (e.g. MALICIOUS)'),
      days: z.number().int().optional().describe('How many days of data to count'),
    })
    .meta({ title: 'List IPs from tag' }),
  results: stringsSchema,
  notFound: (args) => `sensor tag ${args.tag}`,
});
