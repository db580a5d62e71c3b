import type { Vocabulary } from './vocabulary.js';

/** What compiling a template needs to know. */
export interface CompileContext {
  readonly vocabulary: Vocabulary;
  /**
   * True inside `if` tests and branches and inline if-expressions, where Jinja2 lets an unknown
   * filter or test fail only when it runs.
   */
  readonly soft: boolean;
}
