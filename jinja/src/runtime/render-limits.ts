/**
 * The bounds of one rendering. Every template stops with JINJA_LIMIT when it reaches one, so no
 * template can hold the event loop or the memory: the work of a rendering is bounded by its
 * step budget (each step costs a bounded amount of time), its memory by the size bounds.
 */
export interface RenderLimits {
  /**
   * Interpreter steps: statements, output nodes, loop iterations, calls, lookups, and work
   * proportional to size inside filters and methods (sorting n items costs about n log n).
   */
  maxSteps: number;
  /** Characters the rendering may write (UTF-16 units). */
  maxOutputLength: number;
  /** Characters of any string, and items of any list, the template builds. */
  maxValueSize: number;
  /** Nesting of macro calls, recursive loops and printed or serialized data. */
  maxDepth: number;
}

/**
 * Defaults sized for real playbooks: a 40-line e-mail over an alert with a few hundred items
 * takes a few thousand steps; 1,000,000 steps render in a few tens of milliseconds (see the
 * benchmark), 4 MiB is far above any message or request body an action sends.
 */
export const DEFAULT_LIMITS: RenderLimits = Object.freeze({
  maxSteps: 1_000_000,
  maxOutputLength: 4 * 1024 * 1024,
  maxValueSize: 4 * 1024 * 1024,
  maxDepth: 100,
});

/** The limits with `overrides` applied, checked to be positive integers. */
export function resolveLimits(base: RenderLimits, overrides: Partial<RenderLimits> | undefined): RenderLimits {
  if (overrides === undefined) return base;
  const limits = { ...base };
  for (const key of Object.keys(overrides) as (keyof RenderLimits)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`limit ${key} must be a positive integer, got ${String(value)}`);
    limits[key] = value;
  }
  return limits;
}
