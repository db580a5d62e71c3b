import * as z from 'zod';
import type { ActionDefinition } from '../contracts/action.js';
import type { ActionContext } from '../contracts/context.js';
import type { ConnectorDefinition } from '../contracts/connector.js';
import type { AnyAction, AnyConnector, AnyTrigger, PluginDefinition, PluginModuleDefinition } from '../contracts/plugin.js';
import { definePlugin } from '../contracts/plugin.js';
import type { ModuleHttp, RestActionDeclaration } from '../contracts/rest.js';
import type { TriggerDefinition } from '../contracts/trigger.js';
import { PlyError } from '../errors/ply-error.js';
import { RequestAuth } from './rest/request-auth.js';
import { RequestRate } from './rest/request-rate.js';
import { sendModuleRequest, type ModuleRequest, type ModuleResponse, type RestModule } from './rest/module-request.js';
import { restAction } from './rest/rest-action.js';

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
   * One request under the module's `http` (base URL, auth, headers, rate, TLS, error reading), for
   * hand-written runs that are not one REST declaration (submit then poll, downloads, triggers).
   */
  request<T = unknown>(ctx: ActionContext<Config>, call: ModuleRequest): Promise<ModuleResponse<T>>;
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
    request: async <T,>(ctx: ActionContext<Config>, call: ModuleRequest) => (await sendModuleRequest(rest, ctx, call)) as ModuleResponse<T>,
    trigger: (item) => Object.freeze({ ...item, kind: 'trigger' as const }),
    connector: (item) => Object.freeze({ ...item, kind: 'connector' as const }),
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
