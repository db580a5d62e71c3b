import { defineModule } from '@ply/core';
import { theHiveRequest } from '@ply/plugin-thehive/client';
import { theHive4ConfigurationSchema } from './configuration.js';

/**
 * TheHive 4 (`/api/...`, https://docs.thehive-project.org/thehive/legacy/thehive3/api/ and the
 * TheHive 4 API it kept): the identity of Sekoia.io's `TheHive` module, which reaches it through
 * thehive4py 1.x. Requests go through `@ply/plugin-thehive/client` (Bearer key, `X-Organisation`,
 * certificate checks), as TheHive 4 and 5 authenticate alike.
 */
export const theHive4 = defineModule({
  uuid: '48086812-d709-4eff-b308-e8bf504b8a7a',
  slug: 'thehive',
  name: 'The Hive',
  description: 'TheHive is a scalable, open source and free Security Incident Response Platform',
  categories: ['Collaboration Tools'],
  configuration: theHive4ConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  check: async (ctx) => {
    await theHiveRequest(ctx, 'api/user/current');
  },
});
