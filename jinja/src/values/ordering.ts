import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { isNumeric, pythonTypeName, toNumber } from './kinds.js';
import { PyFloat } from './py-float.js';
import { PyTuple } from './py-tuple.js';
import { JinjaUndefined } from './undefined-value.js';
import { failUndefined } from './undefined-use.js';

/**
 * Python's ordering of two values: numbers by value, strings by code point, lists and tuples
 * item by item. Anything else (a str against an int, None, dicts) raises TypeError as Python does.
 *
 * @returns a negative number, zero or a positive number; NaN when a float NaN takes part.
 */
export function pyCompare(a: unknown, b: unknown, operator = '<'): number {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (isNumeric(a) && isNumeric(b)) return compareNumbers(a, b);
  if (a instanceof JinjaUndefined) failUndefined(a);
  if (b instanceof JinjaUndefined) failUndefined(b);
  if (Array.isArray(a) && Array.isArray(b) && a instanceof PyTuple === b instanceof PyTuple) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i += 1) {
      const order = pyCompareItems(a[i], b[i], operator);
      if (order !== 0) return order;
    }
    return a.length - b.length;
  }
  throw new JinjaRuntimeError(`'${operator}' not supported between instances of '${pythonTypeName(a)}' and '${pythonTypeName(b)}'`);
}

// Inside sequences Python first asks for equality, so [None] < [None, 1] works.
function pyCompareItems(a: unknown, b: unknown, operator: string): number {
  if (a === b) return 0;
  if ((a === null && b === null) || (typeof a === 'boolean' && a === b)) return 0;
  return pyCompare(a, b, operator);
}

function compareNumbers(a: unknown, b: unknown): number {
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const x = a instanceof PyFloat ? a.value : typeof a === 'boolean' ? Number(a) : (a as number | bigint);
    const y = b instanceof PyFloat ? b.value : typeof b === 'boolean' ? Number(b) : (b as number | bigint);
    if (typeof x === 'number' && Number.isNaN(x)) return Number.NaN;
    if (typeof y === 'number' && Number.isNaN(y)) return Number.NaN;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Code point order (JavaScript's `<` orders UTF-16 units, which differs above U+FFFF). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if ((x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff)) {
        return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

/** Evaluates `a <op> b` for <, <=, >, >= (false for any NaN, as in Python). */
export function pyOrder(operator: '<' | '<=' | '>' | '>=', a: unknown, b: unknown): boolean {
  const order = pyCompare(a, b, operator);
  if (Number.isNaN(order)) return false;
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
}
