import type { ActionContext, HttpRequestOptions, QueryValue } from '@ply/core';
import type { SekoiaConfiguration } from './configuration.js';
import { SekoiaApi } from './sekoia-api.js';

/** One REST call described declaratively, as Sekoia's `GenericAPIAction` does. */
export interface EndpointSpec {
  method: NonNullable<HttpRequestOptions['method']>;
  /** Path relative to the API root (`v1/sic/alerts/{uuid}`); `{x}` is filled from argument `x`. */
  path: string;
  /** Arguments sent in the query string; every other argument (except path ones) is the JSON body. */
  query?: readonly string[];
  /** A POST or PATCH that may be repeated without a second effect (retried on 5xx like a GET). */
  idempotent?: boolean;
}

/** The Sekoia.io client of the run's module configuration. */
export function sekoiaApiOf(ctx: ActionContext): SekoiaApi {
  return SekoiaApi.fromModuleConfiguration(ctx.http, ctx.config as unknown as SekoiaConfiguration);
}

/**
 * Calls `spec` with `args`: placeholders from the path, the listed query arguments, the rest as
 * body (`undefined` dropped, `null` kept: Sekoia's nullable fields mean "clear it").
 * A DELETE follows {@link SekoiaApi.delete} (404 after a retry is success); an empty answer is `{}`.
 */
export async function callEndpoint(ctx: ActionContext, spec: EndpointSpec, args: Record<string, unknown>): Promise<unknown> {
  const rest: Record<string, unknown> = { ...args };
  const path = spec.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = rest[name];
    delete rest[name];
    return encodeURIComponent(String(value));
  });
  const query: Record<string, QueryValue> = {};
  for (const key of spec.query ?? []) {
    const value = rest[key];
    delete rest[key];
    if (value !== undefined && value !== null) query[key] = value as QueryValue;
  }
  const api = sekoiaApiOf(ctx);
  if (spec.method === 'DELETE') return api.delete(path);
  const body = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  const options: HttpRequestOptions = { method: spec.method, query, ...(spec.idempotent ? { idempotent: true } : {}) };
  if (spec.method !== 'GET' && spec.method !== 'HEAD') options.json = body;
  return (await api.request<unknown>(path, options)) ?? {};
}
