import { z } from 'zod';
import { binaryEdge } from './module.js';
import { eventPages, pageArguments } from './pages.js';
import { screenshotsSchema } from './schemas/screenshots.schema.js';

/** `GET query/image/ip/{target}`. */
export const listScreenshotsAction = binaryEdge.restAction({
  uuid: '26ce2201-7b95-4905-98b6-b63abe8cbcfc',
  slug: 'list_screenshots',
  name: 'List screenshots',
  description: 'Details about Remote Desktops found on an Host. List of screenshots and details extracted from them for the specified host, including OCR and whether faces were found or not, with data up to 2 months.',
  docker_parameters: 'get-query/image/ip/{target}',
  method: 'GET',
  path: 'query/image/ip/{target}',
  arguments: z
    .object({
      target: z.string().min(1).describe('The target: an IP address or CIDR'),
      ...pageArguments,
    })
    .meta({ title: 'List screenshots' }),
  results: screenshotsSchema,
  paging: eventPages,
  notFound: (args) => `host ${args.target}`,
});
