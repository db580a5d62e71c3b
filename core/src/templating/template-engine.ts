import { Environment, isJinjaError, toPlainJson, type JinjaError, type RenderLimits, type SecretMatcher, type Template } from '@ply/jinja';
import { isPlyError, type PlyError } from '../errors/ply-error.js';
import { atPointer, templateError, type TemplateErrorCode } from './template-errors.js';

/** Options of a {@link TemplateEngine}. */
export interface TemplateEngineOptions {
  /** How many compiled templates to keep (least recently used are dropped). Default 1,000. */
  cacheSize?: number;
  /** Bounds of every rendering (steps, output, value size, depth); @ply/jinja's defaults otherwise. */
  limits?: Partial<RenderLimits>;
}

/** The data a template can read: Sekoia's `node`, `trigger`, `store`, `foreach`, ... */
export type TemplateContext = Record<string, unknown>;

/** Options of {@link TemplateEngine.renderValue}. */
export interface RenderValueOptions {
  /**
   * Says, for the JSON pointer of a templated string, that only a string is accepted there (the
   * argument's schema type is `string`): a lone `{{ expr }}` then renders to its Jinja text
   * instead of keeping its JSON type.
   */
  textAt?: (pointer: string) => boolean;
  /**
   * The secret inputs of the rendering (values, or a predicate over input strings): what the
   * templates derive from them (by any filter, method, operator, slice or concatenation) is
   * reported by {@link TemplateEngine.renderValueMarked}.
   */
  secrets?: SecretMatcher;
}

/** A rendered value and the text fragments in it that were derived from a secret, longest first. */
export interface MarkedValue {
  value: unknown;
  marks: string[];
}


const CODES: Record<JinjaError['code'], TemplateErrorCode> = {
  JINJA_SYNTAX: 'PLY_TEMPLATE_SYNTAX',
  JINJA_FORBIDDEN: 'PLY_TEMPLATE_FORBIDDEN',
  JINJA_UNDEFINED: 'PLY_TEMPLATE_ERROR',
  JINJA_RUNTIME: 'PLY_TEMPLATE_ERROR',
  JINJA_LIMIT: 'PLY_TEMPLATE_LIMIT',
};

/**
 * Renders Sekoia.io playbook dynamic content with @ply/jinja: Jinja2's semantics over the
 * context data, sandboxed and bounded. A template reads the data and applies the registered
 * filters, tests and methods, nothing else.
 */
export class TemplateEngine {
  private readonly environment: Environment;

  constructor(options: TemplateEngineOptions = {}) {
    this.environment = new Environment({ cacheSize: options.cacheSize ?? 1000, ...(options.limits ? { limits: options.limits } : {}) });
  }

  /**
   * Renders `template` to text.
   *
   * @throws PlyError PLY_TEMPLATE_SYNTAX, PLY_TEMPLATE_FORBIDDEN, PLY_TEMPLATE_ERROR or PLY_TEMPLATE_LIMIT.
   */
  renderString(template: string, context: TemplateContext): string {
    return this.renderText(this.compile(template), template, context, undefined);
  }

  /**
   * Renders every template string inside `value` (strings containing `{{` or `{%`, in nested
   * arrays and objects; object keys are left alone) and returns a new value. A string that is
   * exactly one `{{ expr }}` becomes the expression's value with its JSON type (list, object,
   * number, boolean; undefined becomes null), unless `options.textAt` says only text is accepted
   * there; any other template string renders to a string.
   *
   * @throws PlyError PLY_TEMPLATE_SYNTAX, PLY_TEMPLATE_FORBIDDEN, PLY_TEMPLATE_ERROR or
   *   PLY_TEMPLATE_LIMIT, with `details.pointer` locating the faulty string inside `value`.
   */
  renderValue(value: unknown, context: TemplateContext, options: RenderValueOptions = {}): unknown {
    return this.walk(value, context, '', options, undefined);
  }

  /**
   * {@link renderValue}, also reporting the output fragments derived from `options.secrets`: the
   * caller masks them wherever the rendered value goes (records, logs, errors).
   */
  renderValueMarked(value: unknown, context: TemplateContext, options: RenderValueOptions = {}): MarkedValue {
    const marks = new Set<string>();
    const taint = options.secrets === undefined ? undefined : { secrets: options.secrets, marks };
    const rendered = this.walk(value, context, '', options, taint);
    return { value: rendered, marks: [...marks].sort((a, b) => b.length - a.length) };
  }

  private walk(value: unknown, context: TemplateContext, pointer: string, options: RenderValueOptions, taint: Taint | undefined): unknown {
    if (typeof value === 'string') {
      if (!isTemplate(value)) return value;
      try {
        const compiled = this.compile(value);
        if (compiled.isSingleExpression && options.textAt?.(pointer) !== true) return this.evaluate(compiled, value, context, taint);
        return this.renderText(compiled, value, context, taint);
      } catch (error) {
        throw isPlyError(error) ? atPointer(error, pointer) : error;
      }
    }
    if (Array.isArray(value)) return value.map((item, i) => this.walk(item, context, `${pointer}/${i}`, options, taint));
    if (!isPlainObject(value)) return value;
    // A copy of the same shape, then the entries to render replaced: adding the keys one by one to
    // an empty object went through a hidden-class transition per key. The spread copies an own
    // "__proto__" key as an ordinary own property, so assigning to it sets that property.
    const rendered: Record<string, unknown> = { ...value };
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (typeof item === 'string' ? isTemplate(item) : typeof item === 'object' && item !== null) rendered[key] = this.walk(item, context, `${pointer}/${pointerSegment(key)}`, options, taint);
    }
    return rendered;
  }

  private evaluate(compiled: Template, template: string, context: TemplateContext, taint: Taint | undefined): unknown {
    try {
      if (!taint) return compiled.evaluateJson(context);
      const { result, marks } = compiled.evaluateMarked(context, { secrets: taint.secrets });
      for (const mark of marks) taint.marks.add(mark);
      return toPlainJson(result);
    } catch (error) {
      throw toPlyError(error, template);
    }
  }

  private renderText(compiled: Template, template: string, context: TemplateContext, taint: Taint | undefined): string {
    try {
      if (!taint) return compiled.render(context);
      const { result, marks } = compiled.renderMarked(context, { secrets: taint.secrets });
      for (const mark of marks) taint.marks.add(mark);
      return result;
    } catch (error) {
      throw toPlyError(error, template);
    }
  }

  private compile(template: string): Template {
    try {
      return this.environment.compile(template);
    } catch (error) {
      throw toPlyError(error, template);
    }
  }
}

/** Where a rendering's secret inputs come from and where its marked fragments go. */
interface Taint {
  secrets: SecretMatcher;
  marks: Set<string>;
}

/** Plain text skips the engine (and its cache lookup): most arguments are not templates. */
function isTemplate(value: string): boolean {
  return value.includes('{{') || value.includes('{%');
}

/** A key as a JSON pointer segment (RFC 6901); most keys need no escaping. */
function pointerSegment(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The PlyError for an error of @ply/jinja, naming the template and the position. */
function toPlyError(error: unknown, template: string): PlyError {
  if (!isJinjaError(error)) throw error;
  const code = CODES[error.code];
  const problem = code === 'PLY_TEMPLATE_ERROR' ? `could not be rendered: ${error.problem}` : error.problem;
  const failure = templateError(code, problem, template, error.position, error);
  if (error.code === 'JINJA_LIMIT') Object.assign(failure.details, { limit: (error as JinjaError & { limit: string }).limit, maximum: (error as JinjaError & { maximum: number }).maximum });
  return failure;
}
