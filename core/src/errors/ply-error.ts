import { ERROR_CATALOGUE, type PlyErrorCode } from './error-catalogue.js';

/** Structured details attached to an error (JSON-serialisable). */
export type PlyErrorDetails = Record<string, unknown>;

/** One problem found in an input, located by file and JSON pointer where known. */
export interface PlyIssue {
  file?: string;
  pointer: string;
  message: string;
}

/**
 * The only error type Ply code throws across package boundaries.
 * `code` is stable; `userError` tells a caller whether fixing the input can help.
 */
export class PlyError extends Error {
  override readonly name = 'PlyError';
  readonly code: PlyErrorCode;
  readonly userError: boolean;
  readonly details: PlyErrorDetails;

  constructor(code: PlyErrorCode, message: string, options: { cause?: unknown; details?: PlyErrorDetails } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.userError = ERROR_CATALOGUE[code].user;
    this.details = options.details ?? {};
  }

  /** The issues list carried in `details.issues`, if any. */
  get issues(): PlyIssue[] {
    const issues = this.details['issues'];
    return Array.isArray(issues) ? (issues as PlyIssue[]) : [];
  }

  toJSON(): { code: PlyErrorCode; message: string; userError: boolean; details: PlyErrorDetails } {
    return { code: this.code, message: this.message, userError: this.userError, details: this.details };
  }
}

export function isPlyError(value: unknown): value is PlyError {
  return value instanceof PlyError;
}

/** Wraps anything thrown into a PlyError, keeping PlyErrors as they are. */
export function toPlyError(value: unknown, code: PlyErrorCode = 'PLY_INTERNAL', prefix = ''): PlyError {
  if (value instanceof PlyError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new PlyError(code, prefix ? `${prefix}: ${message}` : message, { cause: value });
}
