import { MISSING } from '../values/py-dict.js';
import { readOwn } from './own-data.js';

/**
 * Variables visible at a point of a template: assignments of this scope, then of the enclosing
 * ones, then the data of the rendering, then the environment's globals.
 */
export class Scope {
  // A few names per scope (loop variables, macro arguments): arrays beat a Map here.
  private names: string[] | undefined;
  private values: unknown[] | undefined;

  constructor(
    private readonly parent: Scope | undefined,
    private readonly data?: object,
    private readonly globals?: ReadonlyMap<string, unknown>,
  ) {}

  lookup(name: string): unknown {
    return Scope.lookupIn(this, name);
  }

  /** Resolves `name` from `start` outwards. */
  static lookupIn(start: Scope, name: string): unknown {
    for (let scope: Scope | undefined = start; scope !== undefined; scope = scope.parent) {
      const names = scope.names;
      if (names !== undefined) {
        const index = names.indexOf(name);
        if (index !== -1) return (scope.values as unknown[])[index];
      }
      if (scope.data !== undefined) {
        const value = readOwn(scope.data, name);
        if (value !== MISSING) return value;
        const global = scope.globals?.get(name);
        if (global !== undefined) return global;
      }
    }
    return MISSING;
  }

  set(name: string, value: unknown): void {
    if (this.names === undefined) {
      this.names = [name];
      this.values = [value];
      return;
    }
    const index = this.names.indexOf(name);
    if (index === -1) {
      this.names.push(name);
      (this.values as unknown[]).push(value);
    } else {
      (this.values as unknown[])[index] = value;
    }
  }

  /** A scope for a loop iteration, a macro call, a `with` block. */
  child(): Scope {
    return new Scope(this);
  }
}

