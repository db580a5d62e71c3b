import { DictView } from './dict-view.js';
import { isNumeric, isPlainObject, toNumber } from './kinds.js';
import { MISSING, PyDict } from './py-dict.js';
import { PyFloat } from './py-float.js';
import { PyRange } from './py-range.js';
import { PyTuple } from './py-tuple.js';
import { JinjaUndefined } from './undefined-value.js';

/** Python's `a == b` over Jinja values (`'4' == 4` is false, `1 == 1.0 == True` is true). */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'string' || tb === 'string') return false;
  if (isNumeric(a) && isNumeric(b)) return numericEquals(a, b);
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (a instanceof JinjaUndefined) return b instanceof JinjaUndefined;
  if (b instanceof JinjaUndefined) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a instanceof PyTuple !== b instanceof PyTuple || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!pyEquals(a[i], b[i])) return false;
    return true;
  }
  if (isDictLike(a) && isDictLike(b)) return dictEquals(a, b);
  if (a instanceof PyRange && b instanceof PyRange) return a.length === b.length && (a.length === 0 || (a.start === b.start && (a.length === 1 || a.step === b.step)));
  if (a instanceof DictView && b instanceof DictView && a.kind === b.kind && a.kind !== 'values') {
    return a.entries.length === b.entries.length && a.entries.every((entry) => b.entries.some((other) => pyEquals(entry, other)));
  }
  return false;
}

function numericEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const x = a instanceof PyFloat ? a.value : typeof a === 'boolean' ? Number(a) : a;
    const y = b instanceof PyFloat ? b.value : typeof b === 'boolean' ? Number(b) : b;
    return x == y;
  }
  return toNumber(a) === toNumber(b);
}

function isDictLike(value: unknown): value is PyDict | Record<string, unknown> {
  return value instanceof PyDict || isPlainObject(value);
}

function dictEquals(a: PyDict | Record<string, unknown>, b: PyDict | Record<string, unknown>): boolean {
  const keys = a instanceof PyDict ? a.keys() : Object.keys(a);
  const size = b instanceof PyDict ? b.size : Object.keys(b).length;
  if (keys.length !== size) return false;
  for (const key of keys) {
    const left = a instanceof PyDict ? a.get(key) : a[key as string];
    let right: unknown;
    if (b instanceof PyDict) right = b.get(key);
    else right = typeof key === 'string' && Object.hasOwn(b, key) ? b[key] : MISSING;
    if (right === MISSING || !pyEquals(left, right)) return false;
  }
  return true;
}
