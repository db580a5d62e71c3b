import { defineModule } from '@ply/core';
import { z } from 'zod';

/**
 * The reference's configuration. `audience` is the managed account, for a service provider
 * (WatchGuard Cloud's `audience` token field).
 */
export const pandaConfigurationSchema = z
  .object({
    base_url: z.url().describe('WatchGuard Cloud base URL (ex. https://api.usa.cloud.watchguard.com)'),
    account_id: z.string().min(1).describe('Your WatchGuard Cloud account ID'),
    api_key: z.string().min(1).meta({ secret: true }).describe('The API key associated to your Watchguard Cloud account'),
    access_id: z.string().min(1).describe('The identifier of the access credential used to authorize the requests'),
    access_secret: z.string().min(1).meta({ secret: true }).describe('The secret of the access credential used to authorize the requests'),
    audience: z.string().optional().describe('The identifier of the managed account for service provider'),
  })
  .meta({ title: 'WatchGuard Configuration' });

const root = (config: { base_url: string }) => config.base_url.replace(/\/+$/, '');

/**
 * Panda Security / WatchGuard Endpoint Security on the WatchGuard Cloud API: an OAuth 2.0
 * client-credentials token (`POST {base_url}/oauth/token`, HTTP Basic `access_id:access_secret`,
 * `scope=api-access`, cached and fetched again before it expires or after a 401) plus the
 * account's `WatchGuard-API-Key` header, under
 * `rest/aether-endpoint-security/aether-mgmt/api/v1/accounts/{account_id}/`.
 */
export const panda = defineModule({
  uuid: 'e2215979-3462-4fb6-8635-57700aada01c',
  slug: 'panda-security',
  name: 'Panda Security',
  description:
    'PandaSecurity, a WatchGuard company, is a cybsersecurity vendor, delivering products designed to protect endpoints against outside threats.\n\nThis module provides actions and triggers to interact with the Watchguard Panda Aether platform to act on AD360 and EPP devices',
  categories: ['Endpoint'],
  configuration: pandaConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: (config) => `${root(config)}/rest/aether-endpoint-security/aether-mgmt/api/v1/accounts/${encodeURIComponent(config.account_id)}/`,
    auth: {
      type: 'oauth2-client-credentials',
      tokenUrl: (config) => `${root(config)}/oauth/token`,
      clientId: (config) => config.access_id,
      clientSecret: (config) => config.access_secret,
      clientAuthentication: 'basic-raw',
      scope: () => 'api-access',
      extra: (config): Record<string, string> => (config.audience ? { audience: config.audience } : {}),
      // The reference fetches a new token five minutes before the old one expires.
      refreshBeforeMs: 300_000,
    },
    headers: (config) => ({ 'WatchGuard-API-Key': config.api_key }),
  },
});
