import { PlyError } from '@ply/core';
import { z } from 'zod';

/**
 * The reference's configuration (`tenant_id` required; an app registration's client id and secret
 * for application permissions; a delegated account for the deprecated password reset), plus the
 * authority and Graph hosts of a national cloud (defaults: Microsoft's global cloud).
 */
export const azureAdConfigurationSchema = z
  .object({
    tenant_id: z.string().min(1).meta({ title: 'Tenant Id' }).describe('ID of the Microsoft Entra ID tenant'),
    client_id: z
      .string()
      .min(1)
      .optional()
      .meta({ title: 'Client Id' })
      .describe('Client ID. An application needs to be created in the Azure Portal and assigned relevent permissions. Its Client ID should then be used in this configuration.'),
    client_secret: z
      .string()
      .min(1)
      .optional()
      .meta({ title: 'Client Secret', secret: true })
      .describe('Client Secret associated with the registered application. Admin Consent has to be granted to the application for it to work.'),
    username: z.string().optional().meta({ title: 'Delegated account username' }).describe('The username of the delegated account used for some administrative tasks (eg: reset password)'),
    password: z.string().optional().meta({ title: 'Delegated account password', secret: true }).describe('The password of the delegated account used for some administrative tasks (eg: reset password)'),
    authority_host: z.url().default('https://login.microsoftonline.com').describe('Microsoft Entra authority (another host for a national cloud: https://login.microsoftonline.us, https://login.chinacloudapi.cn)'),
    graph_url: z.url().default('https://graph.microsoft.com').describe('Microsoft Graph host (another host for a national cloud: https://graph.microsoft.us, https://microsoftgraph.chinacloudapi.cn)'),
  })
  .meta({ title: 'Entra ID configuration' });

export type AzureAdConfiguration = z.output<typeof azureAdConfigurationSchema>;

const trimmed = (url: string) => url.replace(/\/+$/, '');

/** Graph v1.0's root for the account. */
export function graphRoot(config: AzureAdConfiguration): string {
  return `${trimmed(config.graph_url)}/v1.0/`;
}

/** The tenant's v2.0 token endpoint (`{authority}/{tenant}/oauth2/v2.0/token`). */
export function tokenUrl(config: AzureAdConfiguration): string {
  return `${trimmed(config.authority_host)}/${encodeURIComponent(config.tenant_id)}/oauth2/v2.0/token`;
}

/** A configuration key an item needs, or a clear refusal naming it. */
export function required(config: AzureAdConfiguration, key: 'client_id' | 'client_secret' | 'username' | 'password', forWhat: string): string {
  const value = config[key];
  if (value === undefined || value === '') throw new PlyError('PLY_CONFIGURATION_INVALID', `the account has no ${key}, which ${forWhat} needs`, { details: { issues: [{ pointer: `/${key}`, message: 'is required' }] } });
  return value;
}
