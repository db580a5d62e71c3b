import { z } from 'zod';
import { binaryEdge } from './module.js';
import { subscriptionSchema } from './schemas/subscription.schema.js';

/** `GET user/subscription`. */
export const getUserSubscriptionAction = binaryEdge.restAction({
  uuid: '0920d606-0a6d-43a2-9b06-ce1657c76ac0',
  slug: 'get_user_subscription',
  name: 'Get user subscription',
  description: 'Return details about your current subscription package.',
  docker_parameters: 'get-user/subscription',
  method: 'GET',
  path: 'user/subscription',
  arguments: z.object({}).meta({ title: 'Get user subscription' }),
  results: subscriptionSchema,
});
