import { JinjaLimitError } from '../errors/jinja-error.js';
import { DictView } from './dict-view.js';
import { floatRepr } from './float-repr.js';
import { isPlainObject } from './kinds.js';
import { PyDict } from './py-dict.js';
import { PyFloat } from './py-float.js';
import { PyIterator } from './py-iterator.js';
import { PyObject } from './py-object.js';
import { PyRange } from './py-range.js';
import { PyTuple } from './py-tuple.js';
import { JinjaUndefined } from './undefined-value.js';

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const NEEDS_ESCAPE = /[\\'"\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** What printing a container costs: one step per item, and a bound on nesting. */
export interface PrintGuard {
  charge(steps: number): void;
  readonly maxDepth: number;
}

const UNGUARDED: PrintGuard = { charge: () => {}, maxDepth: 1000 };

/** Python's `str(value)`: what `{{ value }}` prints. */
export function pyStr(value: unknown, guard: PrintGuard = UNGUARDED): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isSafeInteger(value) ? String(value) : floatRepr(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'bigint':
      return value.toString();
    default:
      if (value === null) return 'None';
      if (value instanceof JinjaUndefined) return '';
      return reprAt(value, guard, 0);
  }
}

/** Python's `repr(value)`: how values print inside lists and dicts. */
export function pyRepr(value: unknown, guard: PrintGuard = UNGUARDED): string {
  return reprAt(value, guard, 0);
}

function reprAt(value: unknown, guard: PrintGuard, depth: number): string {
  switch (typeof value) {
    case 'string':
      return stringRepr(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return pyStr(value);
    default:
      break;
  }
  if (value === null || value === undefined) return 'None';
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (typeof value !== 'object') return '<object>';
  if (depth >= guard.maxDepth) throw new JinjaLimitError('depth', guard.maxDepth, `value nested deeper than ${guard.maxDepth} levels`);
  const inner = (item: unknown) => reprAt(item, guard, depth + 1);
  if (Array.isArray(value)) {
    guard.charge(value.length);
    if (value instanceof PyTuple) return value.length === 1 ? `(${inner(value[0])},)` : `(${value.map(inner).join(', ')})`;
    return `[${value.map(inner).join(', ')}]`;
  }
  if (value instanceof PyDict) {
    guard.charge(value.size);
    return `{${value.entries().map(([k, v]) => `${inner(k)}: ${inner(v)}`).join(', ')}}`;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    guard.charge(keys.length);
    return `{${keys.map((k) => `${stringRepr(k)}: ${inner(value[k])}`).join(', ')}}`;
  }
  if (value instanceof JinjaUndefined) return 'Undefined';
  if (value instanceof PyRange) return value.step === 1 ? `range(${value.start}, ${value.stop})` : `range(${value.start}, ${value.stop}, ${value.step})`;
  if (value instanceof DictView) {
    guard.charge(value.entries.length);
    return `dict_${value.kind}([${value.entries.map(inner).join(', ')}])`;
  }
  if (value instanceof PyIterator) return `<${value.typeName} object ${value.origin}>`;
  if (value instanceof PyObject) return value.repr();
  return '<object>';
}

/** Python's quoting of a string: single quotes unless the text holds ' and no ". */
export function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  if (!NEEDS_ESCAPE.test(text)) return `${quote}${text}${quote}`;
  let out = quote;
  for (const char of text) {
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char !== ' ' && NOT_PRINTABLE.test(char)) out += escapeCodePoint(char.codePointAt(0) ?? 0);
    else out += char;
  }
  return out + quote;
}

function escapeCodePoint(code: number): string {
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}
