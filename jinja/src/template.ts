import { JinjaRuntimeError, isJinjaError, type JinjaError } from './errors/jinja-error.js';
import type { Expr, TemplateAst } from './parser/ast.js';
import type { CompileContext } from './runtime/compile-context.js';
import { compileExpression, type Evaluate } from './runtime/compile-expression.js';
import { compileBody } from './runtime/compile-statement.js';
import type { Execute } from './runtime/macro.js';
import { OutputSink } from './runtime/output-sink.js';
import { resolveLimits, type RenderLimits } from './runtime/render-limits.js';
import { RenderState } from './runtime/render-state.js';
import { Scope } from './runtime/scope.js';
import { TaintTracker, type SecretMatcher } from './runtime/taint-tracker.js';
import type { Vocabulary } from './runtime/vocabulary.js';
import { toPlainJson } from './values/json-data.js';

/** Options of one rendering. */
export interface RenderOptions {
  /** Tighter or looser bounds for this rendering than the environment's. */
  limits?: Partial<RenderLimits>;
  /**
   * Secret input strings (or a predicate): values derived from them are followed, and the text
   * they print is reported in {@link MarkedResult.marks}.
   */
  secrets?: SecretMatcher;
}

/** A result with the output fragments that came from secret inputs. */
export interface MarkedResult<T> {
  readonly result: T;
  /** Text fragments of the output derived from a secret, longest first. */
  readonly marks: readonly string[];
}

/** The data of a rendering: names to values (plain JSON-like data). */
export type TemplateData = Record<string, unknown>;

/** A compiled template: render it to text, or evaluate a lone `{{ expr }}` to its value. */
export class Template {
  private readonly body: Execute;
  private readonly expression: Evaluate | undefined;

  constructor(
    readonly source: string,
    readonly name: string | undefined,
    ast: TemplateAst,
    private readonly vocabulary: Vocabulary,
    private readonly limits: RenderLimits,
  ) {
    const context: CompileContext = { vocabulary, soft: false };
    this.body = compileBody(ast.body, context);
    const lone = loneExpression(ast);
    this.expression = lone === undefined ? undefined : compileExpression(lone, context);
  }

  /** True when the template is one `{{ expr }}` (whitespace and comments around it allowed). */
  get isSingleExpression(): boolean {
    return this.expression !== undefined;
  }

  /** Renders to text. @throws JinjaError */
  render(data: TemplateData, options?: RenderOptions): string {
    if (options?.secrets !== undefined) return this.renderMarked(data, options).result;
    // The common case without taint, with no closure or result object: an executor run renders
    // several templates, and these allocations were a tenth of each.
    const state = new RenderState(resolveLimits(this.limits, options?.limits), this.vocabulary, undefined);
    try {
      return this.renderText(state, new Scope(undefined, data, this.vocabulary.globals));
    } catch (error) {
      throw this.named(error);
    }
  }

  /** Renders to text and reports the fragments derived from `options.secrets`. */
  renderMarked(data: TemplateData, options: RenderOptions): MarkedResult<string> {
    return this.run(data, options, (state, scope) => this.renderText(state, scope));
  }

  /**
   * The value of a single-expression template as the engine holds it (ints, PyFloat, tuples...);
   * use {@link evaluateJson} for plain JSON. Other templates render to their text.
   */
  evaluate(data: TemplateData, options?: RenderOptions): unknown {
    const expression = this.expression;
    if (expression === undefined || options?.secrets !== undefined) return this.evaluateMarked(data, options).result;
    const state = new RenderState(resolveLimits(this.limits, options?.limits), this.vocabulary, undefined);
    try {
      return expression(state, new Scope(undefined, data, this.vocabulary.globals));
    } catch (error) {
      throw this.named(error);
    }
  }

  /** {@link evaluate}, with the marked fragments. */
  evaluateMarked(data: TemplateData, options?: RenderOptions): MarkedResult<unknown> {
    const expression = this.expression;
    if (expression === undefined) return this.run(data, options, (state, scope) => this.renderText(state, scope));
    return this.run(data, options, (state, scope) => {
      const value = expression(state, scope);
      if (state.taint?.isMarked(value) === true) {
        if (typeof value === 'string') state.taint.wrote(value);
        // A container is reported by its marked strings: those are what a caller finds in it.
        else for (const text of markedStrings(toPlainJson(value), state.taint)) state.taint.wrote(text);
      }
      return value;
    });
  }

  /** The value of a single-expression template as plain JSON (a fresh copy); text otherwise. */
  evaluateJson(data: TemplateData, options?: RenderOptions): unknown {
    return toPlainJson(this.evaluate(data, options));
  }

  private renderText(state: RenderState, scope: Scope): string {
    const out = new OutputSink(state.limits.maxOutputLength, 'output');
    this.body(state, scope, out);
    return out.text();
  }

  private run<T>(data: TemplateData, options: RenderOptions | undefined, work: (state: RenderState, scope: Scope) => T): MarkedResult<T> {
    const limits = resolveLimits(this.limits, options?.limits);
    const taint = options?.secrets === undefined ? undefined : new TaintTracker(options.secrets);
    const state = new RenderState(limits, this.vocabulary, taint);
    const scope = new Scope(undefined, data, this.vocabulary.globals);
    try {
      const result = work(state, scope);
      return { result, marks: taint === undefined ? [] : taint.fragments() };
    } catch (error) {
      throw this.named(error);
    }
  }

  private named(error: unknown): JinjaError {
    if (isJinjaError(error)) return error.locate(undefined, this.name);
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return new JinjaRuntimeError('the template nests too deeply (call stack exhausted)', 'RecursionError').locate(undefined, this.name);
    }
    throw error;
  }
}

/** The strings (keys and values) of plain JSON data that the tracker marked. */
function markedStrings(data: unknown, taint: TaintTracker, depth = 0): string[] {
  if (typeof data === 'string') return taint.isMarked(data) ? [data] : [];
  if (typeof data !== 'object' || data === null || depth > 100) return [];
  const entries: unknown[] = Array.isArray(data) ? data : Object.entries(data).flat();
  return entries.flatMap((item) => markedStrings(item, taint, depth + 1));
}

/** The expression of a template that is exactly one `{{ expr }}` between whitespace. */
function loneExpression(ast: TemplateAst): Expr | undefined {
  if (ast.body.length !== 1) return undefined;
  const only = ast.body[0];
  if (only === undefined || only.kind !== 'output') return undefined;
  const expressions = only.nodes.filter((node): node is Expr => typeof node !== 'string');
  const texts = only.nodes.filter((node): node is string => typeof node === 'string');
  if (expressions.length !== 1 || texts.some((text) => text.trim() !== '')) return undefined;
  return expressions[0];
}
