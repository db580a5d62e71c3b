/** A Python tuple: an array that prints with parentheses and is never changed. */
export class PyTuple<T = unknown> extends Array<T> {
  // Array methods (map, filter, slice...) make plain arrays, not tuples.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  /** A tuple holding `items` (a copy). */
  static of_<T>(items: readonly T[]): PyTuple<T> {
    const tuple = new this() as PyTuple<T>;
    for (const item of items) tuple.push(item);
    return tuple;
  }
}

export function isTuple(value: unknown): value is PyTuple {
  return value instanceof PyTuple;
}

/** groupby's `(grouper, list)` tuple, which also reads as `.grouper` and `.list`. */
export class GroupTuple extends PyTuple {
  readonly isGroup = true;
}
