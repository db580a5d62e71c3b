import type { DependencyContainer } from 'tsyringe';
import type { AnyAction, AnyConnector, AnyTrigger } from '../contracts/plugin.js';
import type { ItemKind, LoadedModule, ModuleItem } from '../contracts/manifest.js';
import { PlyError, type PlyErrorCode } from '../errors/ply-error.js';
import { MODULE_CATALOG, PLUGIN_CODE, ROOT_LOGGER, SCHEMA_COMPILER, SETTINGS } from '../di/service-tokens.js';
import { resolveToken } from '../di/tokens.js';
import type { PinoLogger } from '../logging/pino-logger.js';
import type { ModuleCatalog } from '../catalog/module-catalog.js';
import type { PluginCodeLoader } from '../catalog/plugin-code-loader.js';
import type { SchemaCompiler } from '../manifest/schema-compiler.js';
import { checkModuleConfiguration, describeIssues } from './configuration-check.js';
import { RunScopes, type ConfigurationScope, type RateLimit } from './run-scope.js';
import { secretKeysOf, secretValuesOf } from './secret-keys.js';

type Implementation<K extends ItemKind> = K extends 'action' ? AnyAction : K extends 'trigger' ? AnyTrigger : AnyConnector;

/** An item found in the catalog with its code: what every run of any kind starts from. */
export interface FoundItem<K extends ItemKind> {
  module: LoadedModule;
  item: ModuleItem;
  implementation: Implementation<K>;
}

/**
 * The one preparation of a run, whatever its kind: find the item and its code, refuse a module
 * built for another core, validate the module configuration (defaults applied, once per distinct
 * configuration), validate the item's arguments against its schema (defaults applied), and make
 * the logger that hides both's secrets. Actions, triggers and connectors all go through it.
 */
export class ItemPreparer {
  private readonly scopes: RunScopes;
  // The root's services, resolved once: they are fixed when Ply is built, and a tsyringe
  // resolution costs about 1 µs, several times a run.
  private readonly services: { catalog: ModuleCatalog; code: PluginCodeLoader; schemas: SchemaCompiler };

  constructor(private readonly root: DependencyContainer) {
    this.scopes = new RunScopes(root);
    this.services = { catalog: resolveToken(root, MODULE_CATALOG), code: resolveToken(root, PLUGIN_CODE), schemas: resolveToken(root, SCHEMA_COMPILER) };
  }

  get runScopes(): RunScopes {
    return this.scopes;
  }

  /**
   * The item and its code; a plain value when the code is already imported (the usual case: an
   * await costs a turn of the microtask queue on every run), a promise when it must be imported.
   */
  find<K extends ItemKind>(kind: K, reference: string, version?: string): FoundItem<K> | Promise<FoundItem<K>> {
    const { module, item } = this.services.catalog.find(kind, reference, version);
    if (module.engineMismatch) throw new PlyError('PLY_ENGINE_MISMATCH', module.engineMismatch, { details: { module: module.manifest.slug } });
    const ready = this.services.code.implementationNow(module, kind, item.docker) as unknown as Implementation<K> | undefined;
    if (ready !== undefined) return { module, item, implementation: ready };
    return this.services.code.implementation(module, kind, item.docker).then((code) => ({ module, item, implementation: code as unknown as Implementation<K> }));
  }

  /** The validated configuration of a module and what its runs share (cached per configuration). */
  configurationScope(module: LoadedModule, raw: Record<string, unknown>, rateLimit?: RateLimit): ConfigurationScope {
    return this.scopes.configurationScope(module, raw, rateLimit, () => {
      const configuration = this.validatedConfiguration(module, raw);
      const secretKeys = secretKeysOf(module.manifest.configuration);
      const logger = resolveToken(this.root, ROOT_LOGGER).withSecrets(secretValuesOf(configuration, secretKeys), secretKeys);
      return { configuration, logger, rateLimit: this.rateLimitOf(configuration) };
    });
  }

  /** `logger`, also hiding the item's secret arguments (and any extra values, such as an intake key). */
  argumentLogger(logger: PinoLogger, item: ModuleItem, args: Record<string, unknown>, extraSecrets: readonly string[] = []): PinoLogger {
    const keys = secretKeysOf(item.arguments);
    if (keys.length === 0 && extraSecrets.length === 0) return logger;
    return logger.withSecrets([...secretValuesOf(args, keys), ...extraSecrets], keys);
  }

  /** Validates `data` against one of the item's schemas in place (defaults applied). */
  validate(item: ModuleItem, part: 'arguments' | 'results', data: unknown, code: PlyErrorCode): void {
    const validator = this.services.schemas.validator(item[part], { file: item.file, pointer: `/${part}` });
    const issues = validator(data);
    if (issues.length > 0) throw new PlyError(code, describeIssues(`${part} of ${item.slug} do not match the schema`, issues), { details: { issues } });
  }

  private validatedConfiguration(module: LoadedModule, configuration: Record<string, unknown>): Record<string, unknown> {
    const copy = structuredClone(configuration);
    checkModuleConfiguration(this.services.schemas, module, copy);
    return copy;
  }

  /** Sekoia connectors carry `ratelimit_per_minute` in their configuration; honour it. */
  private rateLimitOf(configuration: Record<string, unknown>): RateLimit | undefined {
    const perMinute = configuration['ratelimit_per_minute'];
    if (typeof perMinute === 'number' && perMinute > 0) return { maxRequests: perMinute, perMs: 60_000 };
    return resolveToken(this.root, SETTINGS).defaultRateLimit;
  }
}
