import { defineModule } from '@ply/core';
import { azureAdConfigurationSchema, graphRoot, required, tokenUrl } from './configuration.js';

/**
 * Graph's error bodies: `{"error": {"code": "Request_ResourceNotFound", "message": "...", "innerError": {...}}}`
 * (https://learn.microsoft.com/en-us/graph/errors).
 */
export function graphMessage(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error || typeof error !== 'object') return undefined;
  const code = typeof error.code === 'string' ? error.code : undefined;
  const message = typeof error.message === 'string' ? error.message : undefined;
  if (code && message) return `${code}: ${message}`;
  return message ?? code;
}

/**
 * The Microsoft Entra ID module (the reference's uuid and slug): Microsoft Graph v1.0 with an
 * application token (OAuth 2.0 client credentials, scope `<graph>/.default`), cached per account.
 */
export const azureAd = defineModule({
  uuid: '3abf7928-65ef-4a5f-ba3e-5fbe56123d0c',
  slug: 'azure-ad',
  name: 'Microsoft Entra ID',
  description:
    'Microsoft Entra ID (formerly Azure Active Directory) is an enterprise identity service that provides single sign-on, multifactor authentication, and conditional access to guard against 99.9 percent of cybersecurity attacks.',
  categories: ['IAM'],
  configuration: azureAdConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
  http: {
    baseUrl: graphRoot,
    auth: {
      type: 'oauth2-client-credentials',
      tokenUrl,
      clientId: (config) => required(config, 'client_id', 'an application token'),
      clientSecret: (config) => required(config, 'client_secret', 'an application token'),
      scope: (config) => `${config.graph_url.replace(/\/+$/, '')}/.default`,
    },
    errorMessage: graphMessage,
  },
  // The reference's validator lists users: one id is enough to prove the token and User.Read.All.
  check: { path: 'users?$top=1&$select=id' },
});
