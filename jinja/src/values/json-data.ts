import { DictView } from './dict-view.js';
import { isPlainObject } from './kinds.js';
import { PyDict } from './py-dict.js';
import { makeFloat, normalizeInt, PyFloat } from './py-float.js';
import { PyIterator } from './py-iterator.js';
import { PyRange } from './py-range.js';
import { pyStr } from './python-repr.js';
import { JinjaUndefined } from './undefined-value.js';

/**
 * Parses JSON text the way Python's json.loads types it: `1.0` stays a float, integers beyond
 * 2^53 keep their digits (as bigints), NaN and Infinity are read. Use it for data whose source
 * text is at hand; data already parsed by JSON.parse has lost these distinctions.
 *
 * @throws SyntaxError for text that is not JSON.
 */
export function parseJsonData(text: string): unknown {
  let pos = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at position ${pos}`);
  };
  const space = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos] as string)) pos += 1;
  };
  const value = (): unknown => {
    space();
    const char = text[pos];
    if (char === '{') {
      pos += 1;
      const object: Record<string, unknown> = {};
      space();
      if (text[pos] === '}') {
        pos += 1;
        return object;
      }
      for (;;) {
        space();
        if (text[pos] !== '"') fail('expected a string key');
        const key = string();
        space();
        if (text[pos] !== ':') fail("expected ':'");
        pos += 1;
        Object.defineProperty(object, key, { value: value(), enumerable: true, writable: true, configurable: true });
        space();
        if (text[pos] === ',') pos += 1;
        else if (text[pos] === '}') {
          pos += 1;
          return object;
        } else fail("expected ',' or '}'");
      }
    }
    if (char === '[') {
      pos += 1;
      const list: unknown[] = [];
      space();
      if (text[pos] === ']') {
        pos += 1;
        return list;
      }
      for (;;) {
        list.push(value());
        space();
        if (text[pos] === ',') pos += 1;
        else if (text[pos] === ']') {
          pos += 1;
          return list;
        } else fail("expected ',' or ']'");
      }
    }
    if (char === '"') return string();
    for (const [word, result] of [['true', true], ['false', false], ['null', null], ['NaN', Number.NaN], ['Infinity', Number.POSITIVE_INFINITY], ['-Infinity', Number.NEGATIVE_INFINITY]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return result;
      }
    }
    const match = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (match === null) return fail('unexpected character');
    pos += match[0].length;
    if (match[1] === undefined && match[2] === undefined) return normalizeInt(BigInt(match[0]));
    return makeFloat(Number(match[0]));
  };
  const string = (): string => {
    const start = pos;
    pos += 1;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === '\\' ? 2 : 1;
    if (pos >= text.length) fail('unterminated string');
    pos += 1;
    return JSON.parse(text.slice(start, pos)) as string;
  };
  const result = value();
  space();
  if (pos < text.length) fail('extra data');
  return result;
}

/**
 * The plain JSON value (numbers, strings, booleans, null, arrays, objects) of a Jinja value, for
 * callers: floats and ints become numbers (ints beyond 2^53 lose digits), tuples, ranges, views
 * and generators become arrays, template dicts become objects, Undefined becomes null, and
 * engine objects (macros, methods) their printed text. Always a fresh copy. `keepNumbers` keeps
 * floats boxed and big ints as bigints, for callers that need Python's number kinds.
 */
export function toPlainJson(value: unknown, keepNumbers = false, depth = 0): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return value;
    case 'bigint':
      return keepNumbers ? value : Number(value);
    default:
      break;
  }
  if (value === null || value === undefined || value instanceof JinjaUndefined) return null;
  if (value instanceof PyFloat) return keepNumbers ? value : value.value;
  if (depth > 200) throw new RangeError('value nested too deeply');
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) copy[i] = toPlainJson(value[i], keepNumbers, depth + 1);
    return copy;
  }
  if (value instanceof PyDict) {
    const object: Record<string, unknown> = {};
    for (const [key, item] of value.entries()) if (typeof item !== 'function') setKey(object, typeof key === 'string' ? key : pyStr(key), toPlainJson(item, keepNumbers, depth + 1));
    return object;
  }
  if (isPlainObject(value)) {
    const object: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (typeof item !== 'function') setKey(object, key, toPlainJson(item, keepNumbers, depth + 1));
    }
    return object;
  }
  if (value instanceof PyRange) return value.toArray();
  if (value instanceof DictView) return value.entries.map((item) => toPlainJson(item, keepNumbers, depth + 1));
  if (value instanceof PyIterator) return value.drain().map((item) => toPlainJson(item, keepNumbers, depth + 1));
  return pyStr(value);
}

/**
 * Sets `object[key]` as an own data property. An assignment keeps the object in V8's fast mode
 * (defineProperty for every key made each copy a dictionary); "__proto__" alone needs
 * defineProperty, so that it stays an ordinary key instead of setting the prototype.
 */
function setKey(object: Record<string, unknown>, key: string, item: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value: item, enumerable: true, writable: true, configurable: true });
  else object[key] = item;
}
