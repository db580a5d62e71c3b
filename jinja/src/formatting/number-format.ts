import { floatRepr } from '../values/float-repr.js';
import { toExponentialHalfEven, toFixedHalfEven } from './exact-decimal.js';

/** Python's `format(x, '.{p}e')` (or 'E'): mantissa and a two-digit signed exponent. */
export function formatExponent(x: number, precision: number, alternate = false): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const { negative, digits, exponent } = toExponentialHalfEven(x, precision);
  const mantissa = precision > 0 || alternate ? `${digits[0]}.${digits.slice(1)}` : digits;
  const magnitude = Math.abs(exponent);
  return `${negative ? '-' : ''}${mantissa}e${exponent < 0 ? '-' : '+'}${magnitude < 10 ? '0' : ''}${magnitude}`;
}

/** Python's `format(x, '.{p}f')`. */
export function formatFixed(x: number, precision: number, alternate = false): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const text = toFixedHalfEven(x, precision);
  return alternate && precision === 0 ? `${text}.` : text;
}

/**
 * Python's 'g' presentation: scientific when the exponent is < -4 or >= precision, fixed
 * otherwise, trailing zeros removed unless `alternate`. `noType` is the rule of an empty type
 * in str.format (at least one decimal, like repr).
 */
export function formatGeneral(x: number, precision: number | undefined, alternate = false, noType = false): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (noType && precision === undefined) return floatRepr(x);
  let p = precision ?? 6;
  if (p === 0) p = 1;
  const { exponent } = toExponentialHalfEven(x, p - 1);
  const useExponent = noType ? exponent < -4 || exponent >= p : exponent < -4 || exponent >= p;
  let text = useExponent ? formatExponent(x, p - 1, alternate) : formatFixed(x, p - 1 - exponent, alternate);
  if (!alternate) {
    text = useExponent ? text.replace(/\.?0+e/, 'e') : text.includes('.') ? text.replace(/\.?0+$/, '') : text;
    if (noType && !useExponent && !text.includes('.')) text += '.0';
  }
  return text;
}

function nonFinite(x: number): string {
  return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}

/** Inserts `separator` every `group` digits in the integer part of a number text. */
export function groupDigits(text: string, separator: string, group = 3): string {
  const match = /^([^0-9a-fA-F]*)([0-9a-fA-F]+)(.*)$/.exec(text);
  if (match === null) return text;
  const [, head = '', integer = '', tail = ''] = match;
  let grouped = '';
  for (let i = 0; i < integer.length; i += 1) {
    if (i > 0 && (integer.length - i) % group === 0) grouped += separator;
    grouped += integer[i];
  }
  return head + grouped + tail;
}
