import { z } from 'zod';
import { binaryEdge } from './module.js';
import { stringsSchema } from './schemas/common.schema.js';

/** `GET query/image/tags`. */
export const listTagsForScreenshotsAction = binaryEdge.restAction({
  uuid: 'd17f25b2-f42a-4151-a0f2-8dbb33f77074',
  slug: 'list_tags_for_screenshots',
  name: 'List tags for screenshots',
  description: 'Get the list of possible tags for the images.',
  docker_parameters: 'get-query/image/tags',
  method: 'GET',
  path: 'query/image/tags',
  arguments: z.object({}).meta({ title: 'List tags for screenshots' }),
  results: stringsSchema,
});
