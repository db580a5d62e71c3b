import { DictView } from './dict-view.js';
import { PyDict } from './py-dict.js';
import { PyFloat } from './py-float.js';
import { PyIterator } from './py-iterator.js';
import { PyRange } from './py-range.js';
import { PyTuple } from './py-tuple.js';
import { JinjaUndefined } from './undefined-value.js';

/** A dict that came from the data: a plain object (prototype Object.prototype or null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A Python dict: a data object or a template-made {@link PyDict}. */
export function isDict(value: unknown): value is Record<string, unknown> | PyDict {
  return value instanceof PyDict || isPlainObject(value);
}

export function isInt(value: unknown): value is number | bigint {
  return typeof value === 'number' ? Number.isSafeInteger(value) : typeof value === 'bigint';
}

export function isFloat(value: unknown): value is number | PyFloat {
  return typeof value === 'number' ? !Number.isSafeInteger(value) : value instanceof PyFloat;
}

/** int, float or bool: what Python arithmetic accepts. */
export function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value instanceof PyFloat;
}

/** The JavaScript number of an int, float or bool (bigints lose digits). */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof PyFloat) return value.value;
  return Number.NaN;
}

/** A list, tuple or other sequence that `for` and filters iterate. */
export function isSequence(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

/** Python's `type(x).__name__`, for messages. */
export function pythonTypeName(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return Number.isSafeInteger(value) ? 'int' : 'float';
    case 'undefined':
      return 'Undefined';
    case 'function':
      return 'function';
    default:
      break;
  }
  if (value === null) return 'NoneType';
  if (value instanceof PyFloat) return 'float';
  if (value instanceof PyTuple) return 'tuple';
  if (Array.isArray(value)) return 'list';
  if (value instanceof PyDict || isPlainObject(value)) return 'dict';
  if (value instanceof PyRange) return 'range';
  if (value instanceof PyIterator) return value.typeName;
  if (value instanceof DictView) return `dict_${value.kind}`;
  if (value instanceof JinjaUndefined) return 'Undefined';
  const named = (value as { pythonTypeName?: unknown }).pythonTypeName;
  return typeof named === 'string' ? named : 'object';
}
