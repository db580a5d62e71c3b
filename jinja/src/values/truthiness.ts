import { DictView } from './dict-view.js';
import { PyDict } from './py-dict.js';
import { PyFloat } from './py-float.js';
import { PyObject } from './py-object.js';
import { PyRange } from './py-range.js';
import { JinjaUndefined } from './undefined-value.js';

/** Python's `bool(value)`: empty strings, lists and dicts, 0, 0.0, None and Undefined are false. */
export function isTruthy(value: unknown): boolean {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      return value.length > 0;
    case 'number':
      return value !== 0;
    case 'bigint':
      return value !== 0n;
    default:
      break;
  }
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof JinjaUndefined) return false;
  if (value instanceof PyFloat) return value.value !== 0;
  if (value instanceof PyDict) return value.size > 0;
  if (value instanceof PyRange) return value.length > 0;
  if (value instanceof DictView) return value.entries.length > 0;
  if (value instanceof PyObject) return value.truthy;
  if (typeof value === 'object') {
    for (const _key in value) return true;
    return false;
  }
  return true;
}
