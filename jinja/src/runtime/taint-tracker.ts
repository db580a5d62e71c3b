import { isPlainObject } from '../values/kinds.js';
import { PyDict } from '../values/py-dict.js';

/** Tells whether an input string is secret. */
export type SecretMatcher = ReadonlySet<string> | ((text: string) => boolean);

/**
 * Follows secret values through a rendering. A string is marked when it is one of the secrets
 * or was derived from a marked value (by a filter, a method, an operator, a slice...); a
 * container is marked when it holds a marked value. The text that marked values print is
 * collected, so the caller can redact it. Only renderings given secrets make one of these.
 */
export class TaintTracker {
  private readonly strings = new Set<string>();
  private readonly containers = new WeakSet<object>();
  private readonly marks = new Set<string>();

  constructor(private readonly secrets: SecretMatcher) {}

  /** True when `value` is, holds or was derived from a secret. */
  isMarked(value: unknown, depth = 0): boolean {
    if (typeof value === 'string') return this.strings.has(value) || this.isSecret(value);
    if (typeof value !== 'object' || value === null || depth > 32) return false;
    if (this.containers.has(value)) return true;
    let marked = false;
    if (Array.isArray(value)) marked = value.some((item) => this.isMarked(item, depth + 1));
    else if (value instanceof PyDict) marked = value.entries().some(([k, v]) => this.isMarked(k, depth + 1) || this.isMarked(v, depth + 1));
    else if (isPlainObject(value)) marked = Object.values(value).some((item) => this.isMarked(item, depth + 1));
    if (marked) this.containers.add(value);
    return marked;
  }

  /** Marks the result of an operation when one of its inputs is marked. */
  propagate(result: unknown, inputs: readonly unknown[]): void {
    if (!inputs.some((input) => this.isMarked(input))) return;
    this.mark(result);
  }

  mark(value: unknown): void {
    if (typeof value === 'string') {
      if (value !== '') this.strings.add(value);
    } else if (typeof value === 'object' && value !== null) {
      this.containers.add(value);
    }
  }

  /** Records text written to the output for a marked value. */
  wrote(text: string): void {
    if (text !== '') this.marks.add(text);
  }

  /** The marked fragments of the output, longest first. */
  fragments(): string[] {
    return [...this.marks].sort((a, b) => b.length - a.length);
  }

  private isSecret(text: string): boolean {
    if (typeof this.secrets === 'function') {
      if (!this.secrets(text)) return false;
    } else if (!this.secrets.has(text)) {
      return false;
    }
    this.strings.add(text);
    return true;
  }
}
