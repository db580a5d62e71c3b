import * as z from 'zod';
import type { ActionDefinition } from '../contracts/action.js';
import type { ActionContext } from '../contracts/context.js';
import type { ConnectorDefinition } from '../contracts/connector.js';
import type { UrlParts } from '../contracts/http.js';
import type { AnyAction, AnyConnector, AnyTrigger, PluginDefinition, PluginModuleDefinition } from '../contracts/plugin.js';
import { definePlugin } from '../contracts/plugin.js';
import type { ModuleHttp, ModuleRequest, ModuleResponse, RestActionDeclaration } from '../contracts/rest.js';
import type { TriggerDefinition } from '../contracts/trigger.js';
import { PlyError } from '../errors/ply-error.js';
import { RequestAuth } from './rest/request-auth.js';
import { buildRequestUrl } from '../http/request-url.js';
import { RequestRate } from './rest/request-rate.js';
import { restAction } from './rest/rest-action.js';
import { endpointUrl, sendRestCall, type RestModule } from './rest/rest-request.js';

/** A module: its manifest fields, its configuration schema, and (for REST actions) its HTTP side. */
export interface ModuleDeclaration<C extends z.ZodObject> extends Omit<PluginModuleDefinition, 'configuration'> {
  /** Module configuration; mark secrets with `.meta({ secret: true })`. `ctx.config` is its output type. */
  configuration: C;
  /** Base URL, auth scheme and error reading of the module's REST actions. */
  http?: ModuleHttp<z.output<C>>;
  /**
   * The module's validation call, run by "check credentials" before any playbook uses an account:
   * a REST request under `http` (`{ path: 'account/profile' }`), or a function for anything else.
   */
  check?: { method?: 'GET' | 'POST'; path: string } | ((ctx: ActionContext<z.output<C>>) => Promise<void>);
}

/** An item made by a module's builder: it carries its `docker_parameters`, the key that binds its JSON to it. */
type Bound<T> = T & { readonly docker_parameters: string };

type ItemFields = { docker_parameters: string };

/** The builders of one typed module: every item's context has `ctx.config` typed as the configuration's output. */
export interface TypedModule<Config> {
  readonly definition: PluginModuleDefinition;
  action<A extends z.ZodType, R extends z.ZodType>(definition: Omit<ActionDefinition<A, R, Config>, 'kind'> & ItemFields): Bound<ActionDefinition<A, R, Config>>;
  /** A REST call declared, not written: see {@link RestActionDeclaration}. */
  restAction<A extends z.ZodObject, R extends z.ZodType>(declaration: RestActionDeclaration<A, R>): Bound<ActionDefinition<A, R, Config>>;
  trigger<A extends z.ZodType, E extends z.ZodType>(definition: Omit<TriggerDefinition<A, E, Config>, 'kind'> & ItemFields): Bound<TriggerDefinition<A, E, Config>>;
  connector<A extends z.ZodType, E extends z.ZodType>(definition: Omit<ConnectorDefinition<A, E, Config>, 'kind'> & ItemFields): Bound<ConnectorDefinition<A, E, Config>>;
  /**
   * One call of the module's REST API from hand-written code (an action's run, a trigger's start):
   * the same base URL, auth (OAuth tokens cached per account), TLS and clear refusals as its REST actions.
   */
  request(ctx: ActionContext<Config>, request: ModuleRequest): Promise<ModuleResponse>;
  /** The plugin: the module and its items, each bound by its `docker_parameters`. */
  plugin(items: { actions?: ReadonlyArray<Bound<AnyAction>>; triggers?: ReadonlyArray<Bound<AnyTrigger>>; connectors?: ReadonlyArray<Bound<AnyConnector>> }): PluginDefinition;
}

function byDocker<T extends { readonly docker_parameters: string; readonly slug: string }>(kind: string, items: ReadonlyArray<T> = []): Record<string, T> {
  const keyed: Record<string, T> = {};
  for (const item of items) {
    if (Object.hasOwn(keyed, item.docker_parameters)) throw new PlyError('PLY_MANIFEST_INVALID', `${kind}s ${keyed[item.docker_parameters]!.slug} and ${item.slug} share docker_parameters "${item.docker_parameters}"`);
    keyed[item.docker_parameters] = item;
  }
  return keyed;
}

/**
 * Declares a module and returns its typed builders: `module.action({...})`, `module.restAction({...})`,
 * `module.trigger({...})`, `module.connector({...})`, then `module.plugin({ actions: [...] })` as the
 * package's default export. Plugin code never casts `ctx.config`.
 */
export function defineModule<C extends z.ZodObject>(declaration: ModuleDeclaration<C>): TypedModule<z.output<C>> {
  type Config = z.output<C>;
  const { http, check, ...manifest } = declaration;
  const definition: PluginModuleDefinition = Object.freeze({ ...manifest });
  const rest = { name: declaration.name, http, auth: new RequestAuth<Config>(http?.auth), rate: new RequestRate<Config>(http?.rateLimit) };
  return {
    definition,
    action: (item) => Object.freeze({ ...item, kind: 'action' as const }),
    restAction: (item) => restAction(rest, item),
    trigger: (item) => Object.freeze({ ...item, kind: 'trigger' as const }),
    connector: (item) => Object.freeze({ ...item, kind: 'connector' as const }),
    request: (ctx, request) => moduleRequest(rest, ctx, request),
    plugin: (items) =>
      definePlugin({
        module: definition,
        ...(check ? { checkCredentials: typeof check === 'function' ? check : restCheck(rest, check) } : {}),
        actions: byDocker('action', items.actions),
        triggers: byDocker('trigger', items.triggers),
        connectors: byDocker('connector', items.connectors),
      }),
  };
}

/** The declared validation call as a check: the REST request, its answer ignored, its refusal reported. */
function restCheck<Config>(rest: RestModule<Config>, check: { method?: 'GET' | 'POST'; path: string }): (ctx: ActionContext<Config>) => Promise<void> {
  const action = restAction(rest, {
    uuid: '00000000-0000-0000-0000-000000000000',
    slug: 'check_credentials',
    name: 'Check credentials',
    description: "The module's validation call",
    docker_parameters: 'check_credentials',
    method: check.method ?? 'GET',
    path: check.path,
    arguments: z.object({}),
    results: z.unknown(),
  });
  return async (ctx) => {
    await action.run(ctx, {});
  };
}

/** A hand-written call under the module's `http`: relative paths join the base URL; absolute ones must stay on its origin. */
async function moduleRequest<Config>(rest: RestModule<Config>, ctx: ActionContext<Config>, request: ModuleRequest): Promise<ModuleResponse> {
  const http = rest.http;
  if (!http) throw new PlyError('PLY_MANIFEST_INVALID', `${rest.name}: module.request needs the module's \`http\` (its base URL and auth)`);
  const base = endpointUrl(http.baseUrl(ctx.config), '');
  let url: UrlParts;
  if (/^https?:\/\//i.test(request.path)) {
    url = new URL(request.path);
    // The account's credentials go only to the account's server, whatever a vendor's link says.
    if (url.origin !== base.origin) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `${rest.name} gave a link to another server (${url.origin}); its credentials are only sent to ${base.origin}`);
  } else {
    url = endpointUrl(http.baseUrl(ctx.config), request.path);
  }
  const method = request.method ?? 'GET';
  const answer = await sendRestCall(rest, http, ctx, {
    method,
    url: request.query ? buildRequestUrl(url, request.query) : url,
    headers: Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
    body: request.json === undefined ? undefined : { json: request.json },
    idempotent: request.idempotent,
    timeoutMs: request.timeoutMs,
    notFound: request.notFound ?? `${method} ${url.pathname}`,
    acceptStatus: request.acceptStatus,
    authorization: request.authorization,
    responseType: request.responseType,
  });
  return { status: answer.status, body: answer.body, headers: answer.response.headers };
}
