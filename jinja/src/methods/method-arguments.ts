import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { pythonTypeName, toNumber } from '../values/kinds.js';
import { PyFloat } from '../values/py-float.js';
import { isUndefined } from '../values/undefined-value.js';
import { failUndefined } from '../values/undefined-use.js';

/** A str argument, or Python's TypeError naming what was given. */
export function requireText(what: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (isUndefined(value)) failUndefined(value);
  throw new JinjaRuntimeError(`${what} must be str, not ${pythonTypeName(value)}`);
}

/** An int argument (bools count), or Python's TypeError. */
export function requireInt(what: string, value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (isUndefined(value)) failUndefined(value);
  const type = value instanceof PyFloat || typeof value === 'number' ? 'float' : pythonTypeName(value);
  throw new JinjaRuntimeError(`'${type}' object cannot be interpreted as an integer${what === '' ? '' : ` (${what})`}`);
}

/** An optional int argument: None and undefined give `fallback`. */
export function optionalInt(what: string, value: unknown, fallback: number): number {
  return value === null || value === undefined ? fallback : requireInt(what, value);
}

/** Any number as a JavaScript number (for widths and counts that are ints in Python). */
export function numberOf(value: unknown): number {
  return toNumber(value);
}
