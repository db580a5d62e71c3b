import type { ActionContext } from '../../contracts/context.js';
import type { AuthScheme, OAuth2ClientCredentials, OutgoingRequest } from '../../contracts/rest.js';
import { PlyError, isPlyError } from '../../errors/ply-error.js';

interface CachedToken {
  token: string;
  /** When to fetch a new one: `refreshBeforeMs` before expiry (at most half its lifetime). */
  refreshAt: number;
}

/**
 * Applies a module's auth scheme to each request. OAuth 2.0 tokens are cached per module
 * configuration (the executor hands all runs of one account the same validated configuration
 * object), shared by concurrent runs, and fetched again `refreshBeforeMs` before they expire.
 */
export class RequestAuth<Config> {
  private readonly tokens = new WeakMap<object, Promise<CachedToken>>();

  constructor(private readonly scheme: AuthScheme<Config> | undefined) {}

  /** Whether applying the scheme may change the request's URL (a key in the query, a custom hook). */
  get changesUrl(): boolean {
    return this.scheme?.type === 'query' || this.scheme?.type === 'custom';
  }

  get refreshable(): boolean {
    return this.scheme?.type === 'oauth2-client-credentials';
  }

  /** Sets the request's credentials; a promise only for a scheme that must wait (an OAuth token, a custom hook). */
  apply(request: OutgoingRequest, ctx: ActionContext<Config>): void | Promise<void> {
    const scheme = this.scheme;
    if (!scheme) return;
    const config = ctx.config;
    switch (scheme.type) {
      case 'bearer':
        request.headers['authorization'] = `Bearer ${scheme.token(config)}`;
        return;
      case 'header':
        request.headers[scheme.name.toLowerCase()] = `${scheme.prefix ?? ''}${scheme.value(config)}`;
        return;
      case 'query':
        request.url.searchParams.set(scheme.name, scheme.value(config));
        return;
      case 'basic':
        request.headers['authorization'] = `Basic ${Buffer.from(`${scheme.username(config)}:${scheme.password(config)}`).toString('base64')}`;
        return;
      case 'oauth2-client-credentials':
        return this.token(scheme, ctx).then((cached) => {
          request.headers['authorization'] = `Bearer ${cached.token}`;
        });
      case 'custom':
        return Promise.resolve(scheme.apply(request, ctx));
    }
  }

  /** Forgets the cached token of this configuration (the API refused it): the next request fetches one. */
  invalidate(ctx: ActionContext<Config>): void {
    this.tokens.delete(ctx.config as object);
  }

  private async token(scheme: OAuth2ClientCredentials<Config>, ctx: ActionContext<Config>): Promise<CachedToken> {
    const key = ctx.config as object;
    const pending = this.tokens.get(key);
    if (pending) {
      const token = await pending.catch(() => undefined);
      if (token && Date.now() < token.refreshAt) return token;
      // Expired, failed, or refused: one caller fetches again, the others wait for that fetch.
      const current = this.tokens.get(key);
      if (current !== undefined && current !== pending) return current;
    }
    const fetching = fetchToken(scheme, ctx);
    this.tokens.set(key, fetching);
    fetching.catch(() => {
      if (this.tokens.get(key) === fetching) this.tokens.delete(key);
    });
    return fetching;
  }
}

/** `POST tokenUrl` with `grant_type=client_credentials` (RFC 6749 §4.4.2), form-encoded. */
async function fetchToken<Config>(scheme: OAuth2ClientCredentials<Config>, ctx: ActionContext<Config>): Promise<CachedToken> {
  const config = ctx.config;
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (scheme.clientAuthentication === 'basic' || scheme.clientAuthentication === 'basic-raw') {
    const encode = scheme.clientAuthentication === 'basic' ? encodeURIComponent : (value: string) => value;
    const credentials = `${encode(scheme.clientId(config))}:${encode(scheme.clientSecret(config))}`;
    headers['authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  } else {
    form.set('client_id', scheme.clientId(config));
    form.set('client_secret', scheme.clientSecret(config));
  }
  const scope = scheme.scope?.(config);
  if (scope) form.set('scope', scope);
  for (const [name, value] of Object.entries(scheme.extra?.(config) ?? {})) form.set(name, value);
  const url = scheme.tokenUrl(config);
  let body: unknown;
  try {
    // Asking for a token has no effect at the vendor: safe to repeat.
    body = (await ctx.http.request(url, { method: 'POST', body: form.toString(), headers, responseType: 'json', idempotent: true })).body;
  } catch (error) {
    if (isPlyError(error) && error.code === 'PLY_VENDOR_HTTP_ERROR' && [400, 401, 403].includes(Number(error.details['status']))) {
      throw new PlyError('PLY_VENDOR_HTTP_ERROR', `the token endpoint refused the client credentials (HTTP ${String(error.details['status'])})${error.details['vendorMessage'] ? `: ${String(error.details['vendorMessage'])}` : ''}`, { details: error.details });
    }
    throw error;
  }
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const token = record['access_token'];
  if (typeof token !== 'string' || token === '') throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'the token endpoint answered without an access_token');
  const expiresIn = Number(record['expires_in']);
  const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 3_600_000;
  return { token, refreshAt: Date.now() + lifetimeMs - Math.min(scheme.refreshBeforeMs ?? 60_000, lifetimeMs / 2) };
}
