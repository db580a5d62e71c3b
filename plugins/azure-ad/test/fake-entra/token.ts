import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { FakeTenantState } from './state.js';

/** What the fake tenant knows: its id, the app registration, its application permissions, a delegated account. */
export interface TenantCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Application permissions granted with admin consent (the token's roles). */
  roles: string[];
  delegated?: { username: string; password: string };
}

/** Microsoft identity platform error body (https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes). */
function tokenError(c: Context, status: 400 | 401, error: string, code: number, description: string) {
  return c.json({ error, error_description: `AADSTS${code}: ${description} Trace ID: ${crypto.randomUUID()} Correlation ID: ${crypto.randomUUID()} Timestamp: ${new Date().toISOString()}`, error_codes: [code], timestamp: new Date().toISOString(), trace_id: crypto.randomUUID(), correlation_id: crypto.randomUUID() }, status);
}

/**
 * `POST /{tenant}/oauth2/v2.0/token`, after the published flows: client credentials
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow:
 * form-encoded `client_id`, `client_secret`, `scope=<resource>/.default`, `grant_type=client_credentials`)
 * and resource owner password credentials (https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth-ropc:
 * `grant_type=password`, `username`, `password`, `scope`). Refusals as documented: unknown tenant
 * (AADSTS90002), wrong secret (401 invalid_client, AADSTS7000215), a scope that is not `.default`
 * for client credentials (AADSTS1002012), wrong user password (invalid_grant, AADSTS50126).
 */
export function tokenRoutes(state: FakeTenantState, tenant: TenantCredentials, graphHost: () => string): Hono {
  const app = new Hono();
  app.post('/:tenant/oauth2/v2.0/token', async (c) => {
    if (!(c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) return tokenError(c, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
    if (c.req.param('tenant') !== tenant.tenantId) return tokenError(c, 400, 'invalid_request', 90002, `Tenant '${c.req.param('tenant')}' not found.`);
    const raw = await c.req.text();
    const form = new URLSearchParams(raw);
    if (state.switches.echoSecretNext) {
      // Not what Entra does: a careless proxy in front of it, quoting the request raw, decoded and in a header.
      state.switches.echoSecretNext = false;
      c.header('X-Received-Body', raw);
      return tokenError(c, 400, 'invalid_request', 900144, `could not read ${raw} (client_secret=${form.get('client_secret') ?? ''})`);
    }
    if (form.get('client_id') !== tenant.clientId) return tokenError(c, 400, 'unauthorized_client', 700016, `Application with identifier '${form.get('client_id')}' was not found in the directory.`);
    const grant = form.get('grant_type');
    const issue = (grants: { kind: 'app'; roles: Set<string> } | { kind: 'delegated'; user: string; scopes: Set<string> }, extra: Record<string, unknown> = {}) => {
      const token = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.${randomBytes(24).toString('base64url')}.sig`;
      state.tokens.set(token, grants);
      state.tokensIssued += 1;
      return c.json({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token, ...extra });
    };
    if (grant === 'client_credentials') {
      if (form.get('client_secret') !== tenant.clientSecret) return tokenError(c, 401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
      if (form.get('scope') !== `${graphHost()}/.default`) return tokenError(c, 400, 'invalid_scope', 1002012, `The provided value for scope ${form.get('scope') ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
      return issue({ kind: 'app', roles: new Set(tenant.roles) });
    }
    if (grant === 'password') {
      const delegated = tenant.delegated;
      if (!delegated || form.get('username') !== delegated.username || form.get('password') !== delegated.password) return tokenError(c, 400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.');
      if (form.has('client_secret') && form.get('client_secret') !== tenant.clientSecret) return tokenError(c, 401, 'invalid_client', 7000215, 'Invalid client secret provided.');
      const scopes = new Set((form.get('scope') ?? '').split(' ').filter(Boolean).map((scope) => scope.replace(`${graphHost()}/`, '')));
      return issue({ kind: 'delegated', user: delegated.username, scopes }, { scope: [...scopes].join(' '), refresh_token: randomBytes(16).toString('hex') });
    }
    return tokenError(c, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant ?? ''}'.`);
  });
  return app;
}
