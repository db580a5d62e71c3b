import { z } from 'zod';
import { binaryEdge } from './module.js';
import { leakTrackersSchema } from './schemas/dataleaks.schema.js';

/** `GET query/dataleaks/info`. */
export const getDataleaksTrackersAction = binaryEdge.restAction({
  uuid: 'c7c731bc-eaf4-40f9-acff-a966de1a34bd',
  slug: 'get_dataleaks_trackers',
  name: 'Get dataleaks trackers',
  description: 'Get all available information about the dataleaks our platform keeps track.',
  docker_parameters: 'get-query/dataleaks/info',
  method: 'GET',
  path: 'query/dataleaks/info',
  arguments: z.object({}).meta({ title: 'Get dataleaks trackers' }),
  results: leakTrackersSchema,
});
