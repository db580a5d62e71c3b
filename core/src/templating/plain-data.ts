import { PlyError } from '../errors/ply-error.js';
import { isForbiddenName } from './forbidden-names.js';

/** True for an object literal / JSON object (prototype `Object.prototype` or `null`). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Reads `key` from template data the way Ply templates are allowed to: only own data properties
 * of plain objects, arrays and strings (indices and `length`; negative indices count from the
 * end, as in Jinja), never a function, never a getter, never anything inherited.
 *
 * @throws PlyError PLY_TEMPLATE_FORBIDDEN when `key` is one of the forbidden names.
 */
export function readMember(target: unknown, key: unknown): unknown {
  if (typeof key === 'string') {
    if (isForbiddenName(key)) throw new PlyError('PLY_TEMPLATE_FORBIDDEN', `access to "${key}" is forbidden`);
  } else if (typeof key !== 'number') {
    return undefined;
  }
  if (typeof target === 'string') {
    if (key === 'length') return target.length;
    const index = toIndex(key, target.length);
    return index === undefined ? undefined : target[index];
  }
  if (Array.isArray(target)) {
    const index = toIndex(key, target.length);
    return index === undefined ? (key === 'length' ? target.length : undefined) : ownData(target, index);
  }
  if (isPlainObject(target)) return ownData(target, String(key));
  return undefined;
}

function toIndex(key: string | number, length: number): number | undefined {
  const n = typeof key === 'number' ? key : /^-?[0-9]+$/.test(key) ? Number(key) : Number.NaN;
  if (!Number.isInteger(n)) return undefined;
  const index = n < 0 ? length + n : n;
  return index >= 0 && index < length ? index : undefined;
}

/** An own data property's value, or undefined for accessors, functions and missing keys. */
export function ownData(target: object, key: string | number): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor === undefined || !('value' in descriptor)) return undefined;
  return typeof descriptor.value === 'function' ? undefined : descriptor.value;
}

/**
 * A detached copy of template data: arrays and plain objects are copied, functions become
 * undefined; other values are returned as they are.
 */
export function copyData(value: unknown): unknown {
  if (typeof value === 'function') return undefined;
  if (Array.isArray(value)) return value.map((item) => copyData(item));
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = ownData(value, key);
      // defineProperty: a data key named "__proto__" stays a plain key of the copy.
      if (item !== undefined) Object.defineProperty(copy, key, { value: copyData(item), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  return value;
}
