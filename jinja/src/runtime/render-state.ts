import { JinjaLimitError } from '../errors/jinja-error.js';
import type { PrintGuard } from '../values/python-repr.js';
import type { SizeGuard } from '../values/size-guard.js';
import type { RenderLimits } from './render-limits.js';
import type { TaintTracker } from './taint-tracker.js';
import type { Vocabulary } from './vocabulary.js';

/** Lists and dicts made by templates: the only ones a method may change. */
const OWNED = new WeakSet<object>();

/** The state of one rendering: its budget, its bounds, its vocabulary and its taint marks. */
export class RenderState implements SizeGuard, PrintGuard {
  /** Steps left. */
  steps: number;
  /** Current nesting of macro calls and recursive loops. */
  depth = 0;

  constructor(
    readonly limits: RenderLimits,
    readonly vocabulary: Vocabulary,
    readonly taint: TaintTracker | undefined,
  ) {
    this.steps = limits.maxSteps;
  }

  get maxDepth(): number {
    return this.limits.maxDepth;
  }

  /** One step. */
  tick(): void {
    if (--this.steps < 0) this.exhausted();
  }

  charge(steps: number): void {
    this.steps -= steps;
    if (this.steps < 0) this.exhausted();
  }

  private exhausted(): never {
    throw new JinjaLimitError('steps', this.limits.maxSteps, `the rendering took more than ${this.limits.maxSteps} steps`);
  }

  checkSize(size: number): void {
    if (size > this.limits.maxValueSize || !Number.isFinite(size)) {
      throw new JinjaLimitError('value-size', this.limits.maxValueSize, `a value would be larger than ${this.limits.maxValueSize} characters or items`);
    }
  }

  owned<T extends unknown[]>(list: T): T {
    OWNED.add(list);
    return list;
  }

  /** Marks a template-made dict or list as changeable. */
  own<T extends object>(value: T): T {
    OWNED.add(value);
    return value;
  }

  isOwned(value: object): boolean {
    return OWNED.has(value);
  }

  /** Enters a macro call or a recursive loop level. */
  enter(): void {
    if (++this.depth > this.limits.maxDepth) {
      this.depth -= 1;
      throw new JinjaLimitError('depth', this.limits.maxDepth, `macro calls or recursive loops nest deeper than ${this.limits.maxDepth} levels`);
    }
  }

  leave(): void {
    this.depth -= 1;
  }
}
