import type { CallArguments } from './call-arguments.js';
import type { RenderState } from './render-state.js';

/** A filter: the piped value, then the call's arguments. */
export type FilterFunction = (state: RenderState, value: unknown, call: CallArguments) => unknown;

/** A test (`x is name(args)`). */
export type TestFunction = (state: RenderState, value: unknown, call: CallArguments) => boolean;

/** What templates of an environment can use besides their data. */
export interface Vocabulary {
  readonly filters: ReadonlyMap<string, FilterFunction>;
  readonly tests: ReadonlyMap<string, TestFunction>;
  readonly globals: ReadonlyMap<string, unknown>;
}
