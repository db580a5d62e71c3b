/** A 1-based position in a template source. */
export interface TemplatePosition {
  line: number;
  column: number;
}

/**
 * The stable codes of the errors this package throws. A caller maps them to its own codes
 * (Ply's kernel maps them to `PLY_TEMPLATE_*`); a code is never reused for another meaning.
 */
export type JinjaErrorCode =
  | 'JINJA_SYNTAX'
  | 'JINJA_UNDEFINED'
  | 'JINJA_RUNTIME'
  | 'JINJA_FORBIDDEN'
  | 'JINJA_LIMIT';

/** Base of every error raised while compiling or rendering a template. */
export abstract class JinjaError extends Error {
  abstract readonly code: JinjaErrorCode;
  /** What is wrong, without the location (the message adds it). */
  readonly problem: string;
  /** The template's name, when the caller gave one. */
  templateName: string | undefined;
  /** Where in the template, when known. */
  position: TemplatePosition | undefined;

  constructor(problem: string, position?: TemplatePosition, options?: { cause?: unknown }) {
    super(problem, options);
    this.problem = problem;
    this.position = position;
    this.templateName = undefined;
    this.name = new.target.name;
  }

  /** Adds the position and template name when they are not known yet, and refreshes the message. */
  locate(position: TemplatePosition | undefined, templateName?: string): this {
    if (this.position === undefined && position !== undefined) this.position = position;
    if (this.templateName === undefined && templateName !== undefined) this.templateName = templateName;
    const where = this.position === undefined ? '' : ` at line ${this.position.line}, column ${this.position.column}`;
    const named = this.templateName === undefined ? '' : ` in template ${JSON.stringify(this.templateName)}`;
    this.message = `${this.problem}${where}${named}`;
    return this;
  }
}

/** The template does not parse (Jinja2's TemplateSyntaxError). */
export class JinjaSyntaxError extends JinjaError {
  readonly code = 'JINJA_SYNTAX' as const;
}

/** An undefined value was used in a way that needs a value (Jinja2's UndefinedError). */
export class JinjaUndefinedError extends JinjaError {
  readonly code = 'JINJA_UNDEFINED' as const;
}

/**
 * A render-time failure with Python's meaning: a TypeError, ValueError, ZeroDivisionError...
 * `pythonType` names the Python exception Jinja2 would raise.
 */
export class JinjaRuntimeError extends JinjaError {
  readonly code = 'JINJA_RUNTIME' as const;
  constructor(
    problem: string,
    readonly pythonType: string = 'TypeError',
    position?: TemplatePosition,
  ) {
    super(problem, position);
  }
}

/**
 * The template asked for something the sandbox refuses: a forbidden attribute or key, an
 * unknown filter or test, a tag that would load another template, a call of something that is
 * not callable in the sandbox.
 */
export class JinjaForbiddenError extends JinjaError {
  readonly code = 'JINJA_FORBIDDEN' as const;
}

/** Which bound a rendering hit. */
export type JinjaLimit = 'steps' | 'output' | 'value-size' | 'depth';

/** A rendering went past one of its bounds (steps, output size, value size, depth). */
export class JinjaLimitError extends JinjaError {
  readonly code = 'JINJA_LIMIT' as const;
  constructor(
    readonly limit: JinjaLimit,
    readonly maximum: number,
    problem: string,
  ) {
    super(problem);
  }
}

/** True for any error of this package. */
export function isJinjaError(error: unknown): error is JinjaError {
  return error instanceof JinjaError;
}
