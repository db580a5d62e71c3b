import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { codePointLength } from '../values/code-points.js';
import { isPlainObject, pythonTypeName } from '../values/kinds.js';
import { PyFloat } from '../values/py-float.js';
import { pyStr } from '../values/python-repr.js';
import { formatExponent, formatFixed, formatGeneral, groupDigits } from './number-format.js';

/** A parsed Python format specification (`[[fill]align][sign][#][0][width][,|_][.precision][type]`). */
export interface FormatSpec {
  fill: string;
  align: '<' | '>' | '^' | '=' | undefined;
  sign: '+' | '-' | ' ';
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: ',' | '_' | undefined;
  precision: number | undefined;
  type: string;
}

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

export function parseFormatSpec(spec: string): FormatSpec {
  const match = SPEC.exec(spec);
  if (match === null) throw new JinjaRuntimeError(`Invalid format specifier '${spec}'`, 'ValueError');
  const [, fill, align, sign, , alternate, zero, width, grouping, precision, type] = match;
  return {
    fill: fill ?? (zero !== undefined && align === undefined ? '0' : ' '),
    align: (align as FormatSpec['align']) ?? (zero !== undefined ? '=' : undefined),
    sign: (sign as FormatSpec['sign']) ?? '-',
    alternate: alternate !== undefined,
    zero: zero !== undefined,
    width: width === undefined ? 0 : Number(width),
    grouping: grouping as FormatSpec['grouping'],
    precision: precision === undefined ? undefined : Number(precision),
    type: type ?? '',
  };
}

/** Python's `format(value, spec)` for str, int, float, bool and None. */
export function applyFormatSpec(value: unknown, specText: string, maxWidth: number): string {
  if (specText === '') return pyStr(value);
  const spec = parseFormatSpec(specText);
  if (spec.width > maxWidth) throw new JinjaRuntimeError(`format width ${spec.width} is too large`, 'ValueError');
  if (typeof value === 'string') {
    if (spec.type !== '' && spec.type !== 's') throw new JinjaRuntimeError(`Unknown format code '${spec.type}' for object of type 'str'`, 'ValueError');
    const text = spec.precision === undefined ? value : Array.from(value).slice(0, spec.precision).join('');
    return pad(text, spec, '<');
  }
  if (typeof value === 'boolean' && spec.type === '') return pad(pyStr(value), spec, '<');
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value instanceof PyFloat) {
    return pad(formatNumber(value, spec), spec, '>');
  }
  if (value === null || Array.isArray(value) || isPlainObject(value)) {
    throw new JinjaRuntimeError(`unsupported format string passed to ${pythonTypeName(value)}.__format__`);
  }
  return pad(pyStr(value), spec, '<');
}

function formatNumber(value: number | bigint | boolean | PyFloat, spec: FormatSpec): string {
  const isFloat = value instanceof PyFloat || (typeof value === 'number' && !Number.isSafeInteger(value));
  const number = value instanceof PyFloat ? value.value : typeof value === 'boolean' ? (value ? 1 : 0) : value;
  let body: string;
  let negative: boolean;
  const type = spec.type;
  if ('bcdoxXn'.includes(type) && type !== '') {
    if (isFloat) throw new JinjaRuntimeError(`Unknown format code '${type}' for object of type 'float'`, 'ValueError');
    const big = BigInt(number);
    negative = big < 0n;
    const magnitude = negative ? -big : big;
    if (type === 'c') return String.fromCodePoint(Number(magnitude));
    const radix = type === 'b' ? 2 : type === 'o' ? 8 : type === 'x' || type === 'X' ? 16 : 10;
    body = magnitude.toString(radix);
    if (type === 'X') body = body.toUpperCase();
    if (spec.grouping !== undefined) body = groupDigits(body, spec.grouping, radix === 10 ? 3 : 4);
    if (spec.alternate && radix !== 10) body = `0${type === 'b' ? 'b' : type === 'o' ? 'o' : type}${body}`;
  } else if (type === '' && !isFloat) {
    const big = BigInt(number);
    negative = big < 0n;
    body = (negative ? -big : big).toString();
    if (spec.grouping !== undefined) body = groupDigits(body, spec.grouping);
  } else {
    const x = Number(number);
    negative = x < 0 || Object.is(x, -0);
    const magnitude = Math.abs(x);
    const precision = spec.precision;
    switch (type) {
      case 'e':
      case 'E':
        body = formatExponent(magnitude, precision ?? 6, spec.alternate);
        break;
      case 'f':
      case 'F':
        body = formatFixed(magnitude, precision ?? 6, spec.alternate);
        break;
      case '%':
        body = `${formatFixed(magnitude * 100, precision ?? 6, spec.alternate)}%`;
        break;
      case 'g':
      case 'G':
        body = formatGeneral(magnitude, precision, spec.alternate);
        break;
      default:
        body = formatGeneral(magnitude, precision, spec.alternate, true);
        if (precision !== undefined && !/[e.]/.test(body) && !isFloat) body = String(body);
    }
    if (type === 'E' || type === 'F' || type === 'G') body = body.toUpperCase();
    if (spec.grouping !== undefined) body = groupDigits(body, spec.grouping);
  }
  const sign = negative ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  if (spec.align === '=') {
    const fillCount = spec.width - sign.length - codePointLength(body);
    return sign + (fillCount > 0 ? spec.fill.repeat(fillCount) : '') + body;
  }
  return sign + body;
}

function pad(text: string, spec: FormatSpec, defaultAlign: '<' | '>'): string {
  const length = codePointLength(text);
  if (spec.width <= length) return text;
  const room = spec.width - length;
  switch (spec.align ?? defaultAlign) {
    case '<':
      return text + spec.fill.repeat(room);
    case '^': {
      const left = Math.floor(room / 2);
      return spec.fill.repeat(left) + text + spec.fill.repeat(room - left);
    }
    case '=':
      return text;
    default:
      return spec.fill.repeat(room) + text;
  }
}
