import { PlyError } from '../errors/ply-error.js';

/** A 1-based position in a template as its author wrote it. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** The template error codes. */
export type TemplateErrorCode = 'PLY_TEMPLATE_SYNTAX' | 'PLY_TEMPLATE_FORBIDDEN' | 'PLY_TEMPLATE_ERROR' | 'PLY_TEMPLATE_LIMIT';

const EXCERPT_WIDTH = 80;

/**
 * A short, quoted piece of `template` for error messages: the line holding `position` (cut
 * around the column when long), or the start of the template when no position is known.
 */
export function templateExcerpt(template: string, position?: SourcePosition): string {
  if (position === undefined) return JSON.stringify(shorten(template, 0));
  // Lines are counted as Jinja2's lexer counts them: \r\n, \r and \n all end a line.
  const line = template.split(/\r\n|\r|\n/)[position.line - 1] ?? '';
  return JSON.stringify(shorten(line, Math.max(0, position.column - 1)));
}

function shorten(text: string, focus: number): string {
  if (text.length <= EXCERPT_WIDTH) return text;
  const start = Math.max(0, Math.min(focus - EXCERPT_WIDTH / 2, text.length - EXCERPT_WIDTH));
  const end = start + EXCERPT_WIDTH;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/**
 * Builds the PlyError for a template problem. `problem` names what is wrong (the construct or
 * name); the message adds where (line/column when known) and an excerpt of the template.
 */
export function templateError(
  code: TemplateErrorCode,
  problem: string,
  template: string,
  position?: SourcePosition,
  cause?: unknown,
): PlyError {
  const where = position === undefined ? '' : ` at line ${position.line}, column ${position.column}`;
  const excerpt = templateExcerpt(template, position);
  const details: Record<string, unknown> = { problem, excerpt };
  if (position !== undefined) Object.assign(details, position);
  return new PlyError(code, `${problem}${where} in template ${excerpt}`, { cause, details });
}

/**
 * The same error with the location of the templated string inside a larger value added, so a
 * playbook author can tell which argument holds the faulty template.
 */
export function atPointer(error: PlyError, pointer: string): PlyError {
  if (pointer === '' || error.details['pointer'] !== undefined) return error;
  return new PlyError(error.code, `${error.message} (value at ${pointer})`, {
    cause: error.cause,
    details: { ...error.details, pointer },
  });
}
