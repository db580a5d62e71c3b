import { PyFloat } from './py-float.js';
import { PyTuple } from './py-tuple.js';

/**
 * A dict made by a template (`{'a': 1}`, `dict(a=1)`): keys keep their Python type and their
 * insertion order (a JavaScript object would move `'2'` before `'a'` and turn 1 into '1').
 * Dicts that come from the data are plain objects, with string keys.
 */
export class PyDict {
  private readonly map = new Map<string, [unknown, unknown]>();

  get size(): number {
    return this.map.size;
  }

  get(key: unknown): unknown {
    const entry = this.map.get(hashKey(key));
    return entry === undefined ? MISSING : entry[1];
  }

  has(key: unknown): boolean {
    return this.map.has(hashKey(key));
  }

  set(key: unknown, value: unknown): void {
    const hash = hashKey(key);
    const entry = this.map.get(hash);
    // Python keeps the first key object (`{1: 'a', 1.0: 'b'}` is `{1: 'b'}`).
    if (entry === undefined) this.map.set(hash, [key, value]);
    else entry[1] = value;
  }

  delete(key: unknown): boolean {
    return this.map.delete(hashKey(key));
  }

  clear(): void {
    this.map.clear();
  }

  keys(): unknown[] {
    return Array.from(this.map.values(), (entry) => entry[0]);
  }

  values(): unknown[] {
    return Array.from(this.map.values(), (entry) => entry[1]);
  }

  entries(): [unknown, unknown][] {
    return Array.from(this.map.values(), (entry) => [entry[0], entry[1]]);
  }
}

/** Returned by {@link PyDict.get} for a missing key (undefined and null are not free to use). */
export const MISSING: unique symbol = Symbol('missing');

/** Thrown for a key Python cannot hash (a list, a dict). */
export class UnhashableKeyError extends Error {
  constructor(readonly typeName: string) {
    super(`unhashable type: '${typeName}'`);
  }
}

/** A string that is equal for keys Python finds equal (1, 1.0 and True are one key). */
export function hashKey(key: unknown): string {
  switch (typeof key) {
    case 'string':
      return `s${key}`;
    case 'number':
      return `n${key === 0 ? 0 : key}`;
    case 'bigint':
      return `n${key}`;
    case 'boolean':
      return key ? 'n1' : 'n0';
    default:
      if (key === null) return 'N';
      if (key instanceof PyFloat) return `n${key.value === 0 ? 0 : key.value}`;
      if (key instanceof PyTuple) return `t(${key.map(hashKey).join(',')})`;
      throw new UnhashableKeyError(Array.isArray(key) ? 'list' : 'dict');
  }
}
