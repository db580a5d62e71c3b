import { isJinjaError } from './errors/jinja-error.js';
import { builtinFilters } from './filters/builtin-filters.js';
import { defaultGlobals } from './globals/global-functions.js';
import { parseTemplate } from './parser/template-parser.js';
import { DEFAULT_LIMITS, resolveLimits, type RenderLimits } from './runtime/render-limits.js';
import type { FilterFunction, TestFunction, Vocabulary } from './runtime/vocabulary.js';
import { Template, type RenderOptions, type TemplateData } from './template.js';
import { BUILTIN_TESTS } from './tests/builtin-tests.js';
import { TemplateCache } from './template-cache.js';

/** Options of an {@link Environment}. */
export interface EnvironmentOptions {
  /** Bounds of every rendering (each rendering may override them). Defaults: {@link DEFAULT_LIMITS}. */
  limits?: Partial<RenderLimits>;
  /** Filters added to (or replacing) the built-in ones. */
  filters?: Record<string, FilterFunction>;
  /** Tests added to (or replacing) the built-in ones. */
  tests?: Record<string, TestFunction>;
  /** Compiled templates kept, least recently used dropped. Default 1,000. */
  cacheSize?: number;
}

/**
 * A Jinja2-compatible environment over plain JSON data: Jinja2 3.1's grammar, Python's
 * semantics, a `SandboxedEnvironment`'s rules (autoescape off, default Undefined), every
 * rendering bounded in steps, output, value size and depth.
 */
export class Environment {
  readonly limits: RenderLimits;
  private readonly vocabulary: Vocabulary;
  private readonly cache: TemplateCache<Template>;

  constructor(options: EnvironmentOptions = {}) {
    this.limits = resolveLimits(DEFAULT_LIMITS, options.limits);
    const filters = builtinFilters();
    for (const [name, filter] of Object.entries(options.filters ?? {})) filters.set(name, filter);
    const tests = new Map(Object.entries(BUILTIN_TESTS));
    for (const [name, test] of Object.entries(options.tests ?? {})) tests.set(name, test);
    this.vocabulary = { filters, tests, globals: defaultGlobals() };
    this.cache = new TemplateCache(options.cacheSize ?? 1000);
  }

  /**
   * Compiles (or takes from the cache) a template.
   *
   * @param name shown in error messages.
   * @throws JinjaSyntaxError, JinjaForbiddenError
   */
  compile(source: string, name?: string): Template {
    const key = name === undefined ? source : `${name}\u0000${source}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    let template: Template;
    try {
      template = new Template(source, name, parseTemplate(source), this.vocabulary, this.limits);
    } catch (error) {
      if (isJinjaError(error)) throw error.locate(undefined, name);
      throw error;
    }
    this.cache.set(key, template);
    return template;
  }

  /** Compiles and renders to text. */
  renderString(source: string, data: TemplateData, options?: RenderOptions): string {
    return this.compile(source).render(data, options);
  }
}
