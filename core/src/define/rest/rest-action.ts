import type { z } from 'zod';
import type { ActionDefinition } from '../../contracts/action.js';
import type { ActionContext } from '../../contracts/context.js';
import type { HttpRequestOptions, QueryValue } from '../../contracts/http.js';
import type { ModuleHttp, OutgoingRequest, RestActionDeclaration } from '../../contracts/rest.js';
import { PlyError } from '../../errors/ply-error.js';
import { buildRequestUrl } from '../../http/request-url.js';
import { ArgumentPlacement, type PlacedArguments } from './argument-placement.js';
import { collectedBody } from './page-collector.js';
import type { Page, PageRequest } from './paging.js';
import type { RequestAuth } from './request-auth.js';
import type { RequestRate } from './request-rate.js';
import { mapResult } from './result-mapping.js';
import { vendorFailure } from './vendor-failure.js';

/** The module a REST action belongs to: its name (for messages) and its HTTP declaration. */
export interface RestModule<Config> {
  name: string;
  http: ModuleHttp<Config> | undefined;
  auth: RequestAuth<Config>;
  rate: RequestRate<Config>;
}

type Args<A extends z.ZodObject> = z.output<A>;

/** The action's URL: its path under the module's base URL (with a trailing slash, as `urljoin` wants it). */
function endpointUrl(baseUrl: string, path: string): URL {
  let base: URL;
  try {
    base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch {
    throw new PlyError('PLY_CONFIGURATION_INVALID', `the module's base URL is not a URL: ${baseUrl.split(/[?#]/, 1)[0]}`);
  }
  return new URL(path.replace(/^\//, ''), base);
}

function parseJson(text: string, url: URL, status: number): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `${url.origin}${url.pathname} answered HTTP ${status} with a body that is not JSON`, { details: { status, url: `${url.origin}${url.pathname}` } });
  }
}

/**
 * Builds the action of a REST declaration: its `run` places the arguments (path, query, headers,
 * body), authenticates, sends through the run's HTTP client (timeouts, retries that respect
 * idempotency, rate limit, redaction), pages, maps the body and reports refusals clearly.
 */
export function restAction<A extends z.ZodObject, R extends z.ZodType, Config>(module: RestModule<Config>, declaration: RestActionDeclaration<A, R>): ActionDefinition<A, R, Config> & { docker_parameters: string } {
  let placement: ArgumentPlacement | undefined;
  const http = module.http;
  if (!http) throw new PlyError('PLY_MANIFEST_INVALID', `${declaration.slug}: a REST action needs the module's \`http\` (its base URL and auth)`);

  const send = async (ctx: ActionContext<Config>, args: Args<A>, placed: PlacedArguments, next: PageRequest | undefined): Promise<Page> => {
    const url = next && 'url' in next ? next.url : buildRequestUrl(endpointUrl(http.baseUrl(ctx.config), placed.path), { ...placed.query, ...(next?.query as Record<string, QueryValue> | undefined) });
    for (let refreshed = false; ; refreshed = true) {
      const request: OutgoingRequest = { method: declaration.method, url: new URL(url), headers: { accept: 'application/json', ...lowerCased(http.headers), ...placed.headers } };
      await module.auth.apply(request, ctx);
      const options: HttpRequestOptions = { method: request.method, headers: request.headers, throwOnHttpError: false, responseType: 'text' };
      if (placed.body && 'json' in placed.body) options.json = placed.body.json;
      if (placed.body && 'form' in placed.body) {
        options.body = placed.body.form.toString();
        request.headers['content-type'] ??= 'application/x-www-form-urlencoded';
      }
      if (declaration.idempotent) options.idempotent = true;
      const tls = http.tls?.(ctx.config);
      if (tls) options.tls = tls;
      if (declaration.timeoutMs) options.timeoutMs = declaration.timeoutMs;
      await module.rate.acquire(ctx);
      const response = await ctx.http.request<string>(request.url, options);
      const text = response.body ?? '';
      if (response.status >= 200 && response.status < 300) return { body: parseJson(text, request.url, response.status), link: response.headers.get('link'), url: request.url };
      if (declaration.acceptStatus?.includes(response.status)) return { body: parseJson(text, request.url, response.status) ?? {}, link: null, url: request.url };
      // A refused OAuth token (revoked, rotated): fetch a new one once.
      if (response.status === 401 && module.auth.refreshable && !refreshed) {
        module.auth.invalidate(ctx);
        continue;
      }
      throw vendorFailure({
        module: module.name,
        method: declaration.method,
        url: `${request.url.origin}${request.url.pathname}`,
        status: response.status,
        attempts: response.attempts,
        text,
        notFound: declaration.notFound?.(args) ?? `${declaration.method} ${placed.path}`,
        errorMessage: http.errorMessage,
      });
    }
  };

  const run = async (ctx: ActionContext<Config>, given: Args<A>): Promise<z.input<R>> => {
    placement ??= new ArgumentPlacement(declaration);
    const args = declaration.prepare ? declaration.prepare(given) : given;
    if (http.tls?.(ctx.config)?.verify === false) ctx.log.warn('TLS certificate verification is off for this account: any certificate is accepted', { action: declaration.slug });
    const placed = placement.place(declaration.path, args as Record<string, unknown>);
    if (declaration.body) placed.body = { json: declaration.body(args) };
    const body = declaration.paging
      ? await collectedBody(ctx, declaration.slug, declaration.paging, args, (next) => send(ctx, args, placed, next))
      : ((await send(ctx, args, placed, undefined)).body ?? {});
    const mapped = typeof declaration.map === 'function' ? declaration.map(body, args) : declaration.map ? mapResult(body, declaration.map) : body;
    return mapped as z.input<R>;
  };

  return Object.freeze({
    kind: 'action' as const,
    uuid: declaration.uuid,
    slug: declaration.slug,
    name: declaration.name,
    description: declaration.description,
    docker_parameters: declaration.docker_parameters,
    ...(declaration.group ? { group: declaration.group } : {}),
    ...(declaration.outputs ? { outputs: declaration.outputs } : {}),
    ...(declaration.selectOutputs ? { selectOutputs: declaration.selectOutputs } : {}),
    arguments: declaration.arguments,
    results: declaration.results,
    run,
  });
}

function lowerCased(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}
