import { z } from 'zod';
import { binaryEdge } from './module.js';
import { eventPages, pageArguments } from './pages.js';
import { hostSearchSchema } from './schemas/host-events.schema.js';

/** `GET query/search`. */
export const searchEventsAction = binaryEdge.restAction({
  uuid: '902fb65d-2e04-44a0-b00c-67a159b185bd',
  slug: 'search_events',
  name: 'Search events',
  description: 'Events based on a Query. List of recent events for the given query, including details of exposed ports and services. Can be used with [specific parameters](https://docs.binaryedge.io/image-search/) and/or full-text search.',
  docker_parameters: 'get-query/search',
  method: 'GET',
  path: 'query/search',
  arguments: z
    .object({
      query: z.string().min(1).describe('The query, in BinaryEdge\'s search language'),
      only_ips: z.number().int().optional().describe('1: only the IP addresses of the matches'),
      ...pageArguments,
    })
    .meta({ title: 'Search events' }),
  results: hostSearchSchema,
  paging: eventPages,
});
