import type { z } from 'zod';
import type { ActionDefinition } from './action.js';
import type { ActionContext } from './context.js';
import type { ConnectorDefinition } from './connector.js';
import type { TriggerDefinition } from './trigger.js';

/** The module part of a plugin: becomes `manifest.json` (the version comes from package.json). */
export interface PluginModuleDefinition {
  uuid: string;
  slug: string;
  name: string;
  description: string;
  categories: string[];
  /** Module configuration; mark secrets with `.meta({ secret: true })`. */
  configuration: z.ZodObject;
  /** Semver range of Ply cores this module runs on. */
  engines: { ply: string };
  group?: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- plugin maps hold items of any schema */
export type AnyAction = ActionDefinition<any, any, any>;
export type AnyTrigger = TriggerDefinition<any, any, any>;
export type AnyConnector = ConnectorDefinition<any, any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * A plugin: one declarative object. Items are keyed by their `docker_parameters`, the key that
 * binds a JSON file to code (as in Sekoia's SDK `module.register(Class, "<docker_parameters>")`).
 */
export interface PluginDefinition {
  readonly kind: 'plugin';
  module: PluginModuleDefinition;
  actions: Readonly<Record<string, AnyAction>>;
  triggers: Readonly<Record<string, AnyTrigger>>;
  connectors: Readonly<Record<string, AnyConnector>>;
  /**
   * Checks an account before any playbook uses it (the module's validation call: a profile or
   * "who am I" request). Resolves when the vendor accepts the credentials; rejects with a PlyError
   * saying what is wrong otherwise.
   */
  checkCredentials?: CredentialsCheck;
}

/** A module's credentials check (see {@link PluginDefinition.checkCredentials}). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- checks run with the module's own configuration type
export type CredentialsCheck = (ctx: ActionContext<any>) => Promise<void>;

export function definePlugin(definition: {
  module: PluginModuleDefinition;
  actions?: Record<string, AnyAction>;
  triggers?: Record<string, AnyTrigger>;
  connectors?: Record<string, AnyConnector>;
  checkCredentials?: CredentialsCheck;
}): PluginDefinition {
  return Object.freeze({
    kind: 'plugin' as const,
    module: definition.module,
    ...(definition.checkCredentials ? { checkCredentials: definition.checkCredentials } : {}),
    actions: Object.freeze({ ...definition.actions }),
    triggers: Object.freeze({ ...definition.triggers }),
    connectors: Object.freeze({ ...definition.connectors }),
  });
}

/** True for the default export of a plugin entry. */
export function isPluginDefinition(value: unknown): value is PluginDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'plugin';
}
