import { defineModule } from '@ply/core';
import { consoleRoot, sentineloneConfigurationSchema } from './configuration.js';
import { sentineloneMessage } from './s1-error.js';

/**
 * The SentinelOne module, on the Management API v2.1 (`https://<hostname>/web/api/v2.1/`,
 * `Authorization: ApiToken <token>`), as the reference's own client sends it.
 */
export const sentinelone = defineModule({
  uuid: 'ff675e74-e5c1-47c8-a571-d207fc297464',
  slug: 'sentinelone',
  name: 'SentinelOne',
  description:
    'SentinelOne is a cybersecurity company that provides autonomous endpoint protection through AI-powered threat detection and response. Its platform offers real-time prevention, detection, and remediation of cyber threats across networks.',
  categories: ['Endpoint'],
  configuration: sentineloneConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => `${consoleRoot(config)}web/api/v2.1/`,
    auth: { type: 'header', name: 'Authorization', prefix: 'ApiToken ', value: (config) => config.api_token },
    errorMessage: (body) => sentineloneMessage(body),
  },
  // The reference's validator: the agents count needs only a valid token with view rights.
  check: { path: 'agents/count' },
});
