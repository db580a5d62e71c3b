import { defineModule } from '@ply/core';
import { theHiveConfigurationSchema, tlsOf } from './configuration.js';

/**
 * TheHive 5 (`/api/v1`, https://docs.strangebee.com/thehive/api-docs/): `Authorization: Bearer
 * <apikey>`, `X-Organisation`, the account's TLS checks. The identity of the
 * reference TheHiveV5 module, whose API it speaks.
 */
export const theHive = defineModule({
  uuid: 'd6c96586-707c-451f-b9f6-d31b3291f87d',
  slug: 'thehivev5',
  name: 'The Hive V5',
  description: 'TheHive is a scalable, open source and free Security Incident Response Platform',
  categories: ['Collaboration Tools'],
  configuration: theHiveConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => config.base_url,
    auth: {
      type: 'custom',
      apply: (request, ctx) => {
        request.headers['authorization'] = `Bearer ${ctx.config.apikey}`;
        request.headers['x-organisation'] = ctx.config.organisation;
      },
    },
    tls: tlsOf,
    errorMessage: (body) => (typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : undefined),
  },
  check: { path: 'api/v1/user/current' },
});
