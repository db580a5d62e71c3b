/** The values a call received: positional, then keyword (null when there are none). */
export interface CallArguments {
  readonly positional: readonly unknown[];
  readonly keywords: ReadonlyMap<string, unknown> | null;
}

export const NO_ARGUMENTS: CallArguments = Object.freeze({ positional: Object.freeze([]), keywords: null });

export function positionalArguments(...values: unknown[]): CallArguments {
  return { positional: values, keywords: null };
}
