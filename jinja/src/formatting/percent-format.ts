import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { isDict, isFloat, pythonTypeName, toNumber } from '../values/kinds.js';
import { MISSING, PyDict } from '../values/py-dict.js';
import { PyFloat } from '../values/py-float.js';
import { PyTuple } from '../values/py-tuple.js';
import { pyRepr, pyStr } from '../values/python-repr.js';
import type { SizeGuard } from '../values/size-guard.js';
import { JinjaUndefined } from '../values/undefined-value.js';
import { failUndefined } from '../values/undefined-use.js';
import { applyFormatSpec } from './format-spec.js';

const DIRECTIVE = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])?/g;

/**
 * Python's printf-style `text % values` (the `%` operator on a string and the `format` filter):
 * a tuple gives positional values, a mapping feeds `%(name)s`, anything else is one value.
 */
export function percentFormat(text: string, values: unknown, guard: SizeGuard): string {
  const positional = values instanceof PyTuple ? [...values] : undefined;
  const mapping = positional === undefined && isDict(values) ? values : undefined;
  const items = positional ?? (mapping === undefined ? [values] : []);
  let next = 0;
  const take = (): unknown => {
    if (next >= items.length) throw new JinjaRuntimeError('not enough arguments for format string');
    return items[next++];
  };
  const result = text.replace(DIRECTIVE, (match: string, key: string | undefined, flags: string, width: string | undefined, precision: string | undefined, type: string | undefined) => {
    if (type === undefined) throw new JinjaRuntimeError(`incomplete format`, 'ValueError');
    if (type === '%' && match === '%%') return '%';
    let value: unknown;
    const widthValue = width === '*' ? Number(take()) : width === undefined ? 0 : Number(width);
    const precisionValue = precision === '*' ? Number(take()) : precision === undefined ? undefined : Number(precision);
    guard.checkSize(widthValue);
    if (key !== undefined) {
      if (mapping === undefined) throw new JinjaRuntimeError('format requires a mapping');
      value = mapping instanceof PyDict ? mapping.get(key) : Object.hasOwn(mapping, key) ? mapping[key] : MISSING;
      if (value === MISSING) throw new JinjaRuntimeError(`'${key}'`, 'KeyError');
    } else {
      value = mapping !== undefined ? mapping : take();
    }
    return convert(value, type, flags, widthValue, precisionValue);
  });
  if (positional !== undefined ? next < items.length : mapping === undefined && next < items.length) {
    throw new JinjaRuntimeError('not all arguments converted during string formatting');
  }
  guard.checkSize(result.length);
  return result;
}

function convert(value: unknown, type: string, flags: string, width: number, precision: number | undefined): string {
  if (value instanceof JinjaUndefined && type !== 's' && type !== 'r') failUndefined(value);
  const left = flags.includes('-');
  const zero = flags.includes('0') && !left;
  const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  const alternate = flags.includes('#') ? '#' : '';
  const align = left ? '<' : '';
  let spec: string;
  switch (type) {
    case 's':
    case 'r':
    case 'a': {
      const text = type === 's' ? pyStr(value) : pyRepr(value);
      return applyFormatSpec(text, `${align || '>'}${width || ''}${precision === undefined ? '' : `.${precision}`}`, Number.MAX_SAFE_INTEGER);
    }
    case 'c':
      if (typeof value === 'string') return applyFormatSpec(value, `${align || '>'}${width || ''}`, Number.MAX_SAFE_INTEGER);
      return applyFormatSpec(String.fromCodePoint(Number(toInteger(value, type))), `${align || '>'}${width || ''}`, Number.MAX_SAFE_INTEGER);
    case 'd':
    case 'i':
    case 'u': {
      const integer = toInteger(value, type);
      spec = `${align}${sign}${zero ? '0' : ''}${width || ''}d`;
      const text = applyFormatSpec(integer, spec, Number.MAX_SAFE_INTEGER);
      return precision === undefined ? text : padDigits(text, precision);
    }
    case 'o':
    case 'x':
    case 'X': {
      const integer = toInteger(value, type, true);
      spec = `${align}${sign}${alternate}${zero ? '0' : ''}${width || ''}${type}`;
      return applyFormatSpec(integer, spec, Number.MAX_SAFE_INTEGER);
    }
    default: {
      if (typeof value === 'string' || !(typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value instanceof PyFloat)) {
        throw new JinjaRuntimeError(`must be real number, not ${pythonTypeName(value)}`);
      }
      spec = `${align}${sign}${alternate}${zero ? '0' : ''}${width || ''}.${precision ?? 6}${type}`;
      return applyFormatSpec(new PyFloat(toNumber(value)), spec, Number.MAX_SAFE_INTEGER);
    }
  }
}

function toInteger(value: unknown, type: string, strict = false): number | bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || value instanceof PyFloat) {
    if (strict && isFloat(value)) throw new JinjaRuntimeError(`%${type} format: an integer is required, not float`);
    const number = toNumber(value);
    if (!Number.isFinite(number)) throw new JinjaRuntimeError(`cannot convert float ${number > 0 ? 'infinity' : 'NaN'} to integer`, 'OverflowError');
    const truncated = Math.trunc(number);
    return Number.isSafeInteger(truncated) ? truncated : BigInt(truncated);
  }
  throw new JinjaRuntimeError(`%${type} format: ${strict ? 'an integer' : 'a real number'} is required, not ${pythonTypeName(value)}`);
}

function padDigits(text: string, precision: number): string {
  const match = /^(\s*[-+ ]?)(\d+)$/.exec(text);
  if (match === null) return text;
  return `${match[1]}${(match[2] ?? '').padStart(precision, '0')}`;
}
