import type * as Nunjucks from 'nunjucks';
import { PlyError } from '../errors/ply-error.js';
import type { TemplateFilter } from './filter-support.js';
import { loadNunjucks } from './nunjucks-internals.js';
import type { TemplatePredicate } from './predicates.js';
import { installSafeRuntime } from './safe-runtime.js';

// The Environment members nunjucks reads at render time that @types/nunjucks does not declare.
interface EnvironmentInternals {
  globals: Record<string, unknown>;
  filters: Record<string, TemplateFilter>;
  tests: Record<string, TemplatePredicate>;
  asyncFilters: string[];
  extensions: Record<string, unknown>;
  extensionsList: unknown[];
  getFilter(name: string): TemplateFilter;
  getTest(name: string): TemplatePredicate;
  getTemplate(...args: unknown[]): never;
}

/**
 * A nunjucks environment that can only apply the given filters and tests: no loaders (nothing to
 * include or import), no globals, no extensions, autoescape off (Ply renders JSON, not HTML),
 * undefined renders as ''. Installs the hardened runtime first.
 *
 * `dev: true` only keeps the original error as `cause` of nunjucks' render errors, so that a
 * PlyError raised inside a filter or lookup keeps its code.
 */
export function createSafeEnvironment(
  filters: Record<string, TemplateFilter>,
  tests: Record<string, TemplatePredicate>,
): Nunjucks.Environment {
  installSafeRuntime();
  const env = new (loadNunjucks().Environment)([], { autoescape: false, throwOnUndefined: false, dev: true });
  const internals = env as unknown as EnvironmentInternals;
  internals.globals = Object.create(null) as Record<string, unknown>;
  internals.filters = filters;
  internals.tests = tests;
  internals.asyncFilters = [];
  internals.extensions = Object.create(null) as Record<string, unknown>;
  internals.extensionsList = [];
  // Own-property lookups: the default `this.filters[name]` would find `constructor` & co.
  internals.getFilter = (name) => {
    const filter = Object.hasOwn(filters, name) ? filters[name] : undefined;
    if (filter === undefined) throw new PlyError('PLY_TEMPLATE_FORBIDDEN', `unknown filter "${name}"`);
    return filter;
  };
  internals.getTest = (name) => {
    const test = Object.hasOwn(tests, name) ? tests[name] : undefined;
    if (test === undefined) throw new PlyError('PLY_TEMPLATE_FORBIDDEN', `unknown test "${name}"`);
    return test;
  };
  internals.getTemplate = () => {
    throw new PlyError('PLY_TEMPLATE_FORBIDDEN', 'templates cannot load other templates');
  };
  return env;
}
