import { z } from 'zod';
import { binaryEdge } from './module.js';
import { eventPages, pageArguments } from './pages.js';
import { screenshotsSchema } from './schemas/screenshots.schema.js';

/** `GET query/image/search`. */
export const searchScreenshotsAction = binaryEdge.restAction({
  uuid: '2751b830-45aa-4e3d-afdb-7baba33efd2a',
  slug: 'search_screenshots',
  name: 'Search screenshots',
  description: 'Remote Desktops based on a Query. List of screenshots and details extracted from them for the given query, including OCR and whether faces were found or not. Can be used with specific parameters and/or full-text search.',
  docker_parameters: 'get-query/image/search',
  method: 'GET',
  path: 'query/image/search',
  arguments: z
    .object({
      query: z.string().min(1).describe('The query, in BinaryEdge\'s search language'),
      ...pageArguments,
    })
    .meta({ title: 'Search screenshots' }),
  results: screenshotsSchema,
  paging: eventPages,
});
