import type * as Nunjucks from 'nunjucks';
import { isPlyError, type PlyError } from '../errors/ply-error.js';
import { toText } from './filter-support.js';
import { createFilters } from './filters.js';
import { loadNunjucks, nunjucksInternals, type NunjucksNode, type NunjucksTemplateError } from './nunjucks-internals.js';
import { copyData, isPlainObject } from './plain-data.js';
import { createPredicates } from './predicates.js';
import { createSafeEnvironment } from './safe-environment.js';
import { rewriteSekoiaSyntax, type FrontEndTemplate } from './sekoia-syntax.js';
import { BoundedCache } from './template-cache.js';
import { atPointer, templateError, type TemplateErrorCode } from './template-errors.js';
import { parseGuardedTemplate, type TemplateVocabulary } from './template-guard.js';
import { convertConcatenation, convertOutputs, TEXT_FILTER } from './text-conversion.js';
import { CAPTURE_FILTER, captureSingleExpression } from './value-capture.js';

/** Options of a {@link TemplateEngine}. */
export interface TemplateEngineOptions {
  /** How many compiled templates to keep (least recently used are dropped). Default 1,000. */
  cacheSize?: number;
}

/** The data a template can read: Sekoia's `node`, `trigger`, `store`, `foreach`, ... */
export type TemplateContext = Record<string, unknown>;

interface CachedTemplate {
  readonly front: FrontEndTemplate;
  /** The AST to render to text. */
  readonly textRoot: NunjucksNode;
  /** The AST that captures the value of a lone `{{ expr }}`; undefined for other templates. */
  readonly valueRoot: NunjucksNode | undefined;
  text?: Nunjucks.Template;
  value?: Nunjucks.Template;
}

const TEMPLATE_NAME = 'ply-template';
const TEMPLATE_MARKERS = ['{{', '{%'];

/**
 * Renders Jinja-syntax templates (Sekoia.io playbook dialect) with a hardened nunjucks: a
 * template can read the context data and apply the registered filters and tests, nothing else.
 */
export class TemplateEngine {
  private readonly makeEnvironment: () => Nunjucks.Environment;
  private environmentMade: Nunjucks.Environment | undefined;
  private readonly vocabulary: TemplateVocabulary;
  private readonly cache: BoundedCache<string, CachedTemplate>;
  private captureSlot: { value: unknown } | undefined;

  constructor(options: TemplateEngineOptions = {}) {
    const predicates = createPredicates();
    const filters = createFilters(predicates);
    this.vocabulary = { filters: new Set(Object.keys(filters)), tests: new Set(Object.keys(predicates)) };
    filters[TEXT_FILTER] = (value) => toText(value);
    filters[CAPTURE_FILTER] = (value) => {
      if (this.captureSlot !== undefined) this.captureSlot.value = value;
      return '';
    };
    this.makeEnvironment = () => createSafeEnvironment(filters, predicates);
    this.cache = new BoundedCache(options.cacheSize ?? 1000);
  }

  /**
   * Renders `template` to text.
   *
   * @throws PlyError PLY_TEMPLATE_SYNTAX, PLY_TEMPLATE_FORBIDDEN or PLY_TEMPLATE_ERROR.
   */
  renderString(template: string, context: TemplateContext): string {
    const entry = this.load(template);
    entry.text ??= this.compile(entry, entry.textRoot);
    return this.run(entry, entry.text, context);
  }

  /**
   * Renders every template string inside `value` (strings containing `{{` or `{%`, in nested
   * arrays and objects; object keys are left alone) and returns a new value. A string that is
   * exactly one `{{ expr }}` becomes the expression's value with its JSON type (list, object,
   * number, boolean; undefined becomes null); any other template string renders to a string.
   *
   * @throws PlyError PLY_TEMPLATE_SYNTAX, PLY_TEMPLATE_FORBIDDEN or PLY_TEMPLATE_ERROR, with
   *   `details.pointer` locating the faulty string inside `value`.
   */
  renderValue(value: unknown, context: TemplateContext): unknown {
    return this.walk(value, context, '');
  }

  private walk(value: unknown, context: TemplateContext, pointer: string): unknown {
    if (typeof value === 'string') {
      if (!TEMPLATE_MARKERS.some((marker) => value.includes(marker))) return value;
      try {
        return this.renderOne(value, context);
      } catch (error) {
        throw isPlyError(error) ? atPointer(error, pointer) : error;
      }
    }
    if (Array.isArray(value)) return value.map((item, i) => this.walk(item, context, `${pointer}/${i}`));
    if (isPlainObject(value)) {
      const rendered: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const renderedItem = this.walk(item, context, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        // defineProperty: a key named "__proto__" stays an ordinary key.
        Object.defineProperty(rendered, key, { value: renderedItem, enumerable: true, writable: true, configurable: true });
      }
      return rendered;
    }
    return value;
  }

  private renderOne(template: string, context: TemplateContext): unknown {
    const entry = this.load(template);
    if (entry.valueRoot === undefined) return this.renderString(template, context);
    entry.value ??= this.compile(entry, entry.valueRoot);
    const outer = this.captureSlot;
    const slot = { value: undefined as unknown };
    this.captureSlot = slot;
    try {
      this.run(entry, entry.value, context);
    } finally {
      this.captureSlot = outer;
    }
    return copyData(slot.value) ?? null;
  }

  private load(template: string): CachedTemplate {
    const cached = this.cache.get(template);
    if (cached !== undefined) return cached;
    const front = rewriteSekoiaSyntax(template);
    const root = parseGuardedTemplate(front, this.vocabulary);
    convertConcatenation(root);
    // Before convertOutputs, which would make the lone expression's value text.
    const valueRoot = captureSingleExpression(root);
    convertOutputs(root);
    const entry: CachedTemplate = { front, textRoot: root, valueRoot };
    this.cache.set(template, entry);
    return entry;
  }

  /** Compiles an AST that passed the guard, the way nunjucks' Template._compile does. */
  /** Made with the first template, which is also when nunjucks loads. */
  private get environment(): Nunjucks.Environment {
    return (this.environmentMade ??= this.makeEnvironment());
  }

  private compile(entry: CachedTemplate, root: NunjucksNode): Nunjucks.Template {
    try {
      const compiler = new (nunjucksInternals().compiler.Compiler)(TEMPLATE_NAME, false);
      compiler.compile(root);
      const props = new Function(compiler.getCode())() as Record<string, unknown>;
      const source = { type: 'code', obj: props } as unknown as string;
      return new (loadNunjucks().Template)(source, this.environment, TEMPLATE_NAME);
    } catch (error) {
      const { lineno, colno } = error as NunjucksTemplateError;
      const position = typeof lineno === 'number' ? entry.front.locate({ line: lineno, column: colno ?? 1 }) : undefined;
      throw templateError('PLY_TEMPLATE_SYNTAX', messageOf(error), entry.front.original, position, error);
    }
  }

  private run(entry: CachedTemplate, template: Nunjucks.Template, context: TemplateContext): string {
    try {
      return template.render(context);
    } catch (error) {
      const raised = plyCause(error);
      const code: TemplateErrorCode = raised?.code === 'PLY_TEMPLATE_FORBIDDEN' ? 'PLY_TEMPLATE_FORBIDDEN' : 'PLY_TEMPLATE_ERROR';
      const problem = raised?.message ?? `could not be rendered: ${messageOf(error)}`;
      throw templateError(code, problem, entry.front.original, undefined, raised ?? error);
    }
  }
}

/** The PlyError a filter or the hardened runtime raised, found through nunjucks' wrapping. */
function plyCause(error: unknown): PlyError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current !== undefined && current !== null; depth += 1) {
    if (isPlyError(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** nunjucks' message without its "(template name) [Line n]" prefix or the cause's type. */
function messageOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^\([^)]*\)(?: \[Line \d+(?:, Column \d+)?\])?\s*/, '');
}
