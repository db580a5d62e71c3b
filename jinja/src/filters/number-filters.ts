import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { scaledRound } from '../formatting/exact-decimal.js';
import type { FilterFunction } from '../runtime/vocabulary.js';
import { isFloat, isInt, isNumeric, pythonTypeName, toNumber } from '../values/kinds.js';
import { makeFloat, normalizeInt, PyFloat } from '../values/py-float.js';
import { isUndefined } from '../values/undefined-value.js';
import { failUndefined } from '../values/undefined-use.js';
import { unaryOperation } from '../values/arithmetic.js';
import { requireInt } from '../methods/method-arguments.js';
import { filter } from './filter-support.js';
import { PY_SPACE } from '../methods/python-text.js';

const PY_SPACE_ENDS = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'gu');

/** Python's `int(text, base)`, or undefined when Python raises ValueError. */
export function parsePythonInt(text: string, base: number): number | bigint | undefined {
  let body = text.replace(PY_SPACE_ENDS, '');
  let sign = '';
  if (body.startsWith('-') || body.startsWith('+')) {
    sign = body[0] === '-' ? '-' : '';
    body = body.slice(1);
  }
  let radix = base;
  const prefix = /^0([xob])/i.exec(body);
  if (prefix !== null && (base === 0 || base === { x: 16, o: 8, b: 2 }[(prefix[1] as string).toLowerCase()])) {
    radix = { x: 16, o: 8, b: 2 }[(prefix[1] as string).toLowerCase() as 'x' | 'o' | 'b'];
    body = body.slice(2).replace(/^_/, '');
  } else if (base === 0) radix = 10;
  if (!/^[0-9a-z]+(_[0-9a-z]+)*$/i.test(body)) return undefined;
  const digits = body.replace(/_/g, '').toLowerCase();
  let value = 0n;
  for (const digit of digits) {
    const d = Number.parseInt(digit, 36);
    if (Number.isNaN(d) || d >= radix) return undefined;
    value = value * BigInt(radix) + BigInt(d);
  }
  return normalizeInt(sign === '-' ? -value : value);
}

/** Python's `float(text)`, or undefined when Python raises ValueError. */
export function parsePythonFloat(text: string): number | undefined {
  const body = text.replace(PY_SPACE_ENDS, '').replace(/(\d)_(?=\d)/g, '$1');
  if (/^[+-]?(inf|infinity)$/i.test(body)) return body.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(body)) return Number.NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return undefined;
  return Number(body);
}

function truncateToInt(x: number): number | bigint | undefined {
  if (!Number.isFinite(x)) return undefined;
  const truncated = Math.trunc(x);
  return Number.isSafeInteger(truncated) ? truncated : BigInt(truncated);
}

function toIntOrDefault(value: unknown, fallback: unknown, base: number): unknown {
  if (isUndefined(value)) failUndefined(value);
  if (typeof value === 'string') {
    const parsed = parsePythonInt(value, base);
    if (parsed !== undefined) return parsed;
    const float = parsePythonFloat(value);
    return float === undefined ? fallback : (truncateToInt(float) ?? fallback);
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isInt(value)) return value;
  if (isFloat(value)) return truncateToInt(toNumber(value)) ?? fallback;
  return fallback;
}

export const NUMBER_FILTERS: Record<string, FilterFunction> = {
  int: filter('do_int', [['default', 0], ['base', 10]], (_state, value, fallback, base) => toIntOrDefault(value, fallback, requireInt('base', base))),
  float: filter('do_float', [['default', new PyFloat(0)]], (_state, value, fallback) => {
    if (isUndefined(value)) failUndefined(value);
    if (typeof value === 'string') {
      const parsed = parsePythonFloat(value);
      return parsed === undefined ? fallback : makeFloat(parsed);
    }
    if (isNumeric(value)) return makeFloat(toNumber(value));
    return fallback;
  }),
  abs: filter('abs', [], (_state, value) => {
    if (!isNumeric(value)) {
      if (isUndefined(value)) failUndefined(value);
      throw new JinjaRuntimeError(`bad operand type for abs(): '${pythonTypeName(value)}'`);
    }
    if (typeof value === 'boolean') return value ? 1 : 0;
    return toNumber(value) < 0 || (typeof value === 'bigint' && value < 0n) ? unaryOperation('-', value) : isFloat(value) ? makeFloat(toNumber(value)) : value;
  }),
  round: filter('do_round', [['precision', 0], ['method', 'common']], (_state, value, precisionValue, method) => {
    if (method !== 'common' && method !== 'ceil' && method !== 'floor') throw new JinjaRuntimeError('method must be common, ceil or floor', 'FilterArgumentError');
    if (!isNumeric(value)) {
      if (isUndefined(value)) failUndefined(value);
      throw new JinjaRuntimeError(`type ${pythonTypeName(value)} doesn't define __round__ method`);
    }
    const precision = requireInt('precision', precisionValue);
    if (method === 'common') {
      if (!isFloat(value)) {
        // round(int, n) stays an int; a negative n rounds to tens, hundreds...
        const integer = typeof value === 'boolean' ? (value ? 1 : 0) : (value as number | bigint);
        if (precision >= 0) return integer;
        const unit = 10n ** BigInt(-precision);
        const big = BigInt(integer);
        let quotient = big / unit;
        const remainder = big - quotient * unit;
        const twice = 2n * (remainder < 0n ? -remainder : remainder);
        if (twice > unit || (twice === unit && quotient % 2n !== 0n)) quotient += big < 0n ? -1n : 1n;
        return normalizeInt(quotient * unit);
      }
      const x = toNumber(value);
      if (!Number.isFinite(x)) return makeFloat(x);
      const { negative, digits } = scaledRound(x, precision);
      const result = Number(`${negative ? '-' : ''}${digits}e${-precision}`);
      return makeFloat(result === 0 && negative ? -0 : result);
    }
    const factor = 10 ** precision;
    const scaled = toNumber(value) * factor;
    return makeFloat((method === 'ceil' ? Math.ceil(scaled) : Math.floor(scaled)) / factor);
  }),
};
