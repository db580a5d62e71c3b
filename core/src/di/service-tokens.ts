import type { ModuleCatalog } from '../catalog/module-catalog.js';
import type { PluginCodeLoader } from '../catalog/plugin-code-loader.js';
import type { RateLimiter } from '../http/rate-limiter.js';
import type { PinoLogger } from '../logging/pino-logger.js';
import type { SchemaCompiler } from '../manifest/schema-compiler.js';
import type { TemplateEngine } from '../templating/template-engine.js';
import type { PlySettings } from './settings.js';
import { token } from './tokens.js';

// Root container: one per process.
export const SETTINGS = token<PlySettings>('PlySettings');
export const ROOT_LOGGER = token<PinoLogger>('RootLogger');
export const SCHEMA_COMPILER = token<SchemaCompiler>('SchemaCompiler');
export const TEMPLATE_ENGINE = token<TemplateEngine>('TemplateEngine');
export const MODULE_CATALOG = token<ModuleCatalog>('ModuleCatalog');
export const PLUGIN_CODE = token<PluginCodeLoader>('PluginCodeLoader');

// Child container per module configuration: shared by the runs of one account.
export const MODULE_CONFIGURATION = token<Record<string, unknown>>('ModuleConfiguration');
/** Registered only when the configuration has a rate limit. */
export const RATE_LIMITER = token<RateLimiter>('RateLimiter');

// A run's own services (logger, file store, HTTP client) are not in a container: see RunScope
// (core/src/executor/run-scope.ts).
