/**
 * What value-building operations need from the rendering: a size check made before a value is
 * allocated, a step charge for work proportional to size, and the mark of lists the template
 * owns (and so may change).
 */
export interface SizeGuard {
  /** Throws JINJA_LIMIT when a value of `size` characters or items would be too large. */
  checkSize(size: number): void;
  /** Counts `steps` units of work against the step budget. */
  charge(steps: number): void;
  /** Marks a list as made by this template (so `append` may change it) and returns it. */
  owned<T extends unknown[]>(list: T): T;
}
