import { z } from 'zod';
import { binaryEdge } from './module.js';
import { organizationLeaksSchema } from './schemas/dataleaks.schema.js';

/** `GET query/dataleaks/organization/{domain}`. */
export const searchDataleaksByOrganizationAction = binaryEdge.restAction({
  uuid: '938e02ff-3ece-46db-b554-a7111cd48c76',
  slug: 'search_dataleaks_by_organization',
  name: 'Search dataleaks by organization',
  description: 'Verify how many emails are affected by dataleaks for a specific domain. We don\'t provide the list of affected emails.\n\n **Note:** Available for paid subscriptions only.',
  docker_parameters: 'get-query/dataleaks/organization/{domain}',
  method: 'GET',
  path: 'query/dataleaks/organization/{domain}',
  arguments: z
    .object({
      domain: z.string().min(1).describe('The domain of the organization'),
    })
    .meta({ title: 'Search dataleaks by organization' }),
  results: organizationLeaksSchema,
  notFound: (args) => `organization domain ${args.domain}`,
});
