import { z } from 'zod';
import { shodan } from './module.js';
import { facetsSchema } from './schemas.js';
import { facetsArgument, queryArgument } from './search-arguments.js';

export const countHostsAction = shodan.restAction({
  uuid: 'dcb631c2-7423-46fa-b8e9-f51b79c4ce6e',
  slug: 'count_hosts',
  name: 'Count Hosts',
  description:
    'This method behaves identical to "/shodan/host/search" with the only difference that this method does not return any host results, it only returns the total number of results that matched the query and any facet information that was requested. As a result this method does not consume query credits.',
  docker_parameters: 'get-shodan/host/count',
  method: 'GET',
  path: 'shodan/host/count',
  arguments: z.object({ query: queryArgument, facets: facetsArgument }).meta({ title: 'get_shodan_host_count' }),
  results: z.looseObject({
    matches: z.array(z.unknown()).nullish(),
    facets: facetsSchema.nullish(),
    total: z.int().nullish(),
  }),
});
