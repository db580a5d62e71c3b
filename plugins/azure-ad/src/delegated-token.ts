import { PlyError, isPlyError, type ActionContext } from '@ply/core';
import { required, tokenUrl, type AzureAdConfiguration } from './configuration.js';

/**
 * A delegated token for the configured account: the resource owner password credentials grant
 * (`grant_type=password`, https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth-ropc),
 * as the reference's `UsernamePasswordCredential` gets it. Only the deprecated password reset uses
 * it; it fails for accounts with MFA, as Microsoft documents.
 */
export async function delegatedToken(ctx: ActionContext<AzureAdConfiguration>, scope: string): Promise<string> {
  const config = ctx.config;
  const form = new URLSearchParams({
    grant_type: 'password',
    client_id: required(config, 'client_id', 'a delegated token'),
    username: required(config, 'username', 'the deprecated password reset'),
    password: required(config, 'password', 'the deprecated password reset'),
    scope: `${config.graph_url.replace(/\/+$/, '')}/${scope} openid profile offline_access`,
  });
  // A confidential client (the app has a secret) authenticates itself too.
  if (config.client_secret) form.set('client_secret', config.client_secret);
  let body: unknown;
  try {
    body = (await ctx.http.request(tokenUrl(config), { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, responseType: 'json', idempotent: true })).body;
  } catch (error) {
    if (isPlyError(error) && error.code === 'PLY_VENDOR_HTTP_ERROR' && [400, 401, 403].includes(Number(error.details['status']))) {
      throw new PlyError('PLY_VENDOR_HTTP_ERROR', `the token endpoint refused the delegated account (HTTP ${String(error.details['status'])}${error.details['vendorMessage'] ? `: ${String(error.details['vendorMessage'])}` : ''})`, { details: error.details });
    }
    throw error;
  }
  const token = (body as { access_token?: unknown } | undefined)?.access_token;
  if (typeof token !== 'string' || token === '') throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'the token endpoint answered without an access_token');
  return token;
}
