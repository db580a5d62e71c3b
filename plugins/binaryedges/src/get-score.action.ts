import { z } from 'zod';
import { binaryEdge } from './module.js';
import { ipScoreSchema } from './schemas/score.schema.js';

/** `GET query/score/ip/{target}`. */
export const getScoreAction = binaryEdge.restAction({
  uuid: 'ed1eb5a5-6956-48fa-9470-9923e67446c2',
  slug: 'get_score',
  name: 'Get Score',
  description: 'IP Risk Score. Scoring is based on all information found on our databases regarding an IP and refers to the level of exposure of a target, i.e, the higher the score, the greater the risk of exposure.\n\n More details about scoring can be found on [here](https://github.com/binaryedge/ratemyip-openframework/blob/master/ip-score.md).\n\n **Note**: Available for paid subscriptions only.',
  docker_parameters: 'get-query/score/ip/{target}',
  method: 'GET',
  path: 'query/score/ip/{target}',
  arguments: z
    .object({
      target: z.string().min(1).describe('The target: an IP address or CIDR'),
    })
    .meta({ title: 'Get Score' }),
  results: ipScoreSchema,
  notFound: (args) => `host ${args.target}`,
});
