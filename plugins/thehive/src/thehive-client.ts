import type { ActionContext, HttpRequestOptions } from '@ply/core';
import { tlsOf, type TheHiveConfiguration } from './configuration.js';

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Tells the run's log, once per run, that the account accepts any certificate. */
const warned = new WeakSet<object>();

/**
 * One request of a hand-written action (not a REST declaration): the module's auth headers,
 * `X-Organisation`, the account's TLS checks; TheHive's `{type, message}` errors surface as
 * PLY_VENDOR_HTTP_ERROR with its message.
 */
export async function theHiveRequest<T>(ctx: ActionContext<TheHiveConfiguration>, path: string, options: HttpRequestOptions = {}): Promise<T> {
  const config = ctx.config;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers, authorization: `Bearer ${config.apikey}` };
  if (config.organisation) headers['x-organisation'] = config.organisation;
  const tls = tlsOf(config);
  if (tls?.verify === false && !warned.has(ctx)) {
    warned.add(ctx);
    ctx.log.warn('TLS certificate verification is off for this account: any certificate is accepted');
  }
  const response = await ctx.http.request<T>(new URL(path, withSlash(config.base_url)), { ...options, headers, responseType: 'json', ...(tls ? { tls } : {}) });
  return response.body;
}
