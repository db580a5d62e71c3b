import { MISSING } from '../values/py-dict.js';
import { readOwn } from './own-data.js';

/**
 * Variables visible at a point of a template: assignments of this scope, then of the enclosing
 * ones, then the data of the rendering, then the environment's globals.
 */
export class Scope {
  private vars: Map<string, unknown> | undefined;

  constructor(
    private readonly parent: Scope | undefined,
    private readonly data?: object,
    private readonly globals?: ReadonlyMap<string, unknown>,
  ) {}

  lookup(name: string): unknown {
    for (let scope: Scope | undefined = this; scope !== undefined; scope = scope.parent) {
      const vars = scope.vars;
      if (vars !== undefined) {
        const value = vars.get(name);
        if (value !== undefined || vars.has(name)) return value;
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
    (this.vars ??= new Map()).set(name, value);
  }

  /** A scope for a loop iteration, a macro call, a `with` block. */
  child(): Scope {
    return new Scope(this);
  }
}
