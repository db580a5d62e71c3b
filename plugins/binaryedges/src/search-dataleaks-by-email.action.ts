import { z } from 'zod';
import { binaryEdge } from './module.js';
import { emailLeaksSchema } from './schemas/dataleaks.schema.js';

/** `GET query/dataleaks/email/{email}`. */
export const searchDataleaksByEmailAction = binaryEdge.restAction({
  uuid: 'ab4d39fa-5b4c-486a-8453-403fedf2ea23',
  slug: 'search_dataleaks_by_email',
  name: 'Search dataleaks by email',
  description: 'Allows you to search across multiple data breaches to see if any of your email addresses has been compromised. If you are affected, we recommend you change your password on the respective services.\n\n Verify how many dataleaks affected an specific email address.\n\n **Note:** Available for paid subscriptions only.',
  docker_parameters: 'get-query/dataleaks/email/{email}',
  method: 'GET',
  path: 'query/dataleaks/email/{email}',
  arguments: z
    .object({
      email: z.string().min(1).describe('The e-mail address'),
    })
    .meta({ title: 'Search dataleaks by email' }),
  results: emailLeaksSchema,
  notFound: (args) => `e-mail address ${args.email}`,
});
