import { JinjaLimitError, JinjaRuntimeError } from '../errors/jinja-error.js';
import { floatRepr } from './float-repr.js';
import { isPlainObject, pythonTypeName } from './kinds.js';
import { PyDict } from './py-dict.js';
import { PyFloat } from './py-float.js';
import { compareStrings, pyCompare } from './ordering.js';
import type { PrintGuard } from './python-repr.js';

/** Python's `json.dumps(value, sort_keys=..., indent=...)` with its default separators and ASCII output. */
export function pyJsonDumps(value: unknown, options: { sortKeys: boolean; indent: string | undefined; guard: PrintGuard }): string {
  const { sortKeys, indent, guard } = options;
  const open = new Set<object>();
  const encode = (item: unknown, level: number): string => {
    if (typeof item === 'object' && item !== null && (Array.isArray(item) || item instanceof PyDict || isPlainObject(item))) {
      if (open.has(item)) throw new JinjaRuntimeError('Circular reference detected', 'ValueError');
      open.add(item);
      try {
        return encodeContainer(item, level);
      } finally {
        open.delete(item);
      }
    }
    return encodeContainer(item, level);
  };
  const encodeContainer = (item: unknown, level: number): string => {
    switch (typeof item) {
      case 'string':
        return jsonString(item);
      case 'boolean':
        return item ? 'true' : 'false';
      case 'bigint':
        return item.toString();
      case 'number':
        return Number.isSafeInteger(item) ? String(item) : jsonFloat(item);
      default:
        break;
    }
    if (item === null) return 'null';
    if (item instanceof PyFloat) return jsonFloat(item.value);
    if (level >= guard.maxDepth) throw new JinjaLimitError('depth', guard.maxDepth, `value nested deeper than ${guard.maxDepth} levels`);
    const open = indent === undefined ? '' : `\n${indent.repeat(level + 1)}`;
    const close = indent === undefined ? '' : `\n${indent.repeat(level)}`;
    const separator = indent === undefined ? ', ' : `,${open}`;
    if (Array.isArray(item)) {
      guard.charge(item.length);
      if (item.length === 0) return '[]';
      return `[${open}${item.map((element) => encode(element, level + 1)).join(separator)}${close}]`;
    }
    if (item instanceof PyDict || isPlainObject(item)) {
      let entries: [unknown, unknown][] = item instanceof PyDict ? item.entries() : Object.keys(item).map((key) => [key, item[key]]);
      guard.charge(entries.length);
      if (entries.length === 0) return '{}';
      if (sortKeys) entries = [...entries].sort((a, b) => (typeof a[0] === 'string' && typeof b[0] === 'string' ? compareStrings(a[0], b[0]) : pyCompare(a[0], b[0])));
      return `{${open}${entries.map(([key, element]) => `${jsonString(jsonKey(key))}: ${encode(element, level + 1)}`).join(separator)}${close}}`;
    }
    throw new JinjaRuntimeError(`Object of type ${pythonTypeName(item)} is not JSON serializable`);
  };
  return encode(value, 0);
}

function jsonKey(key: unknown): string {
  if (typeof key === 'string') return key;
  if (key === true) return 'true';
  if (key === false) return 'false';
  if (key === null) return 'null';
  if (typeof key === 'number' || typeof key === 'bigint') return typeof key === 'number' && !Number.isSafeInteger(key) ? floatRepr(key) : String(key);
  if (key instanceof PyFloat) return floatRepr(key.value);
  throw new JinjaRuntimeError(`keys must be str, int, float, bool or None, not ${pythonTypeName(key)}`);
}

function jsonFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return floatRepr(n);
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A JSON string with Python's ensure_ascii escaping (lower-case hex, surrogate pairs). */
export function jsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    const code = text.charCodeAt(i);
    const escape = ESCAPES[char];
    if (escape !== undefined) out += escape;
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}
