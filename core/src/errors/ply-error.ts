// The kernel's codes register with the first PlyError module load.
import './core-errors.js';
import { errorSpecOf } from './error-catalogue.js';

export { defineErrorCatalogue, errorSpecOf, registeredErrorCodes, type CodesOf, type ErrorCatalogue, type ErrorSpec } from './error-catalogue.js';
export { CORE_ERRORS } from './core-errors.js';

/**
 * The codes of every catalogue in the program. Each package augments it with its own
 * (`declare module '@ply/core/errors' { interface PlyErrorCodes extends CodesOf<typeof X> {} }`),
 * so `new PlyError(code)` accepts exactly the known codes.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augmented by each package's catalogue
export interface PlyErrorCodes {}

/** A known error code (of the kernel or of any package whose catalogue is in the program). */
export type PlyErrorCode = Extract<keyof PlyErrorCodes, string>;

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
  readonly details: PlyErrorDetails;

  constructor(code: PlyErrorCode, message: string, options: { cause?: unknown; details?: PlyErrorDetails } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }

  /** True when fixing the input can help (from the code's catalogue). */
  get userError(): boolean {
    return errorSpecOf(this.code).user;
  }

  /** The HTTP status of the code: the one mapping every Ply server uses. */
  get status(): number {
    return errorSpecOf(this.code).status;
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
