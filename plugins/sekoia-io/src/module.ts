import { defineModule } from '@ply/core';
import { apiKeyOf, sekoiaApiRoot, sekoiaConfigurationSchema } from './configuration.js';

/**
 * The Sekoia.io module: its REST actions call `{api root}v1/...` and `{api root}v2/...` with
 * `Authorization: Bearer <api_key>`; the credentials check reads `v1/me`.
 */
export const sekoia = defineModule({
  uuid: '92d8bb47-7c51-445d-81de-ae04edbb6f0a',
  slug: 'sekoia.io',
  name: 'Sekoia.io',
  description:
    'Sekoia.io is a European Cybertech, expert in intelligence-based eXtended Detection and Response solutions. Read and change alerts, cases, assets and events of the Sekoia SOC platform.',
  categories: ['Generic'],
  configuration: sekoiaConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => sekoiaApiRoot(config.base_url),
    auth: { type: 'bearer', token: apiKeyOf },
  },
  check: { path: 'v1/me' },
});
