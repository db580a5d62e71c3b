// tsyringe checks for the Reflect polyfill when it is imported.
import 'reflect-metadata';
import { container as globalContainer, type DependencyContainer } from 'tsyringe';
import { ModuleCatalog } from '../catalog/module-catalog.js';
import { PluginCodeLoader } from '../catalog/plugin-code-loader.js';
import { createRootLogger, type PinoLogger } from '../logging/pino-logger.js';
import { SchemaCompiler } from '../manifest/schema-compiler.js';
import { TemplateEngine } from '../templating/template-engine.js';
import { MODULE_CATALOG, PLUGIN_CODE, ROOT_LOGGER, SCHEMA_COMPILER, SETTINGS, TEMPLATE_ENGINE } from './service-tokens.js';
import { settingsFromEnvironment, type PlySettings } from './settings.js';
import { provideValue } from './tokens.js';

export interface RootContainerOptions {
  settings?: Partial<PlySettings>;
  logger?: PinoLogger;
  /** Another template engine with the same API (benchmarks compare engines this way). */
  templates?: TemplateEngine;
}

/**
 * The root container of one Ply process: settings and the stateless or process-wide services.
 * Each call makes a fresh child of tsyringe's global container, so tests never share state.
 */
export function createRootContainer(options: RootContainerOptions = {}): DependencyContainer {
  const root = globalContainer.createChildContainer();
  provideValue(root, SETTINGS, settingsFromEnvironment(options.settings));
  provideValue(root, ROOT_LOGGER, options.logger ?? createRootLogger());
  provideValue(root, SCHEMA_COMPILER, new SchemaCompiler());
  provideValue(root, TEMPLATE_ENGINE, options.templates ?? new TemplateEngine());
  provideValue(root, MODULE_CATALOG, new ModuleCatalog());
  provideValue(root, PLUGIN_CODE, new PluginCodeLoader());
  return root;
}
