import type { CheckpointStore } from '@ply/core';

/** A checkpoint kept in memory for test harnesses; `value()` shows what was last set. */
export function memoryCheckpoint(initial?: unknown): CheckpointStore & { value(): unknown } {
  let saved = initial;
  return {
    get: () => Promise.resolve(saved),
    set: (value) => {
      // A copy, as a store would serialise it: later changes to the caller's object do not leak in.
      saved = structuredClone(value);
      return Promise.resolve();
    },
    value: () => saved,
  };
}
