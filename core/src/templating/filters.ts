import {
  attributeGetter,
  compareValues,
  describeType,
  filterError,
  iterate,
  jinjaFilter,
  toText,
  type TemplateFilter,
} from './filter-support.js';
import { isPlainObject } from './plain-data.js';
import type { TemplatePredicate } from './predicates.js';

/**
 * Builds the filters Ply templates can use: the Jinja filters Sekoia playbooks rely on, written
 * against the hardened data rules (attribute arguments go through the same member lookup as
 * `a.b`). None of nunjucks' builtin filters is kept: several read attributes or iterate with
 * plain JavaScript property access, and `safe`/`escape` wrap values in nunjucks objects.
 *
 * The registry has a null prototype so a filter name can never resolve to an inherited member.
 */
export function createFilters(predicates: Readonly<Record<string, TemplatePredicate>>): Record<string, TemplateFilter> {
  const filters = Object.create(null) as Record<string, TemplateFilter>;
  const add = (name: string, params: readonly string[], body: (value: unknown, ...args: unknown[]) => unknown) => {
    filters[name] = jinjaFilter(name, params, body);
  };
  const predicate = (filter: string, name: unknown): TemplatePredicate => {
    const test = typeof name === 'string' && Object.hasOwn(predicates, name) ? predicates[name] : undefined;
    if (test === undefined) throw filterError(filter, `unknown test ${JSON.stringify(name)}`);
    return test;
  };

  // JSON
  const toJson = (value: unknown, indent: unknown) =>
    JSON.stringify(value ?? null, null, typeof indent === 'number' ? indent : undefined);
  add('tojson', ['indent'], toJson);
  add('dump', ['indent'], toJson);
  add('fromjson', [], (value) => {
    try {
      return JSON.parse(toText(value)) as unknown;
    } catch (error) {
      throw filterError('fromjson', `input is not valid JSON (${(error as Error).message})`);
    }
  });

  // Presence and size
  const defaultFilter = (value: unknown, fallback: unknown, boolean: unknown) =>
    (boolean === true ? !value : value === undefined) ? (fallback ?? '') : value;
  add('default', ['default_value', 'boolean'], defaultFilter);
  add('d', ['default_value', 'boolean'], defaultFilter);
  const length = (value: unknown) => {
    if (typeof value === 'string' || Array.isArray(value)) return value.length;
    if (isPlainObject(value)) return Object.keys(value).length;
    return 0;
  };
  add('length', [], length);
  add('count', [], length);

  // Text
  add('string', [], (value) => toText(value));
  add('lower', [], (value) => toText(value).toLowerCase());
  add('upper', [], (value) => toText(value).toUpperCase());
  add('capitalize', [], (value) => capitalize(toText(value)));
  add('title', [], (value) =>
    toText(value)
      .split(/([-\s({[<]+)/)
      .map(capitalize)
      .join(''),
  );
  add('trim', ['chars'], (value, chars) => {
    const text = toText(value);
    if (chars === undefined || chars === null) return text.trim();
    const set = toText(chars);
    let start = 0;
    let end = text.length;
    while (start < end && set.includes(text[start] as string)) start += 1;
    while (end > start && set.includes(text[end - 1] as string)) end -= 1;
    return text.slice(start, end);
  });
  add('replace', ['old', 'new', 'count'], (value, old, replacement, count) => {
    const text = toText(value);
    const from = toText(old);
    const to = toText(replacement);
    const limit = typeof count === 'number' && count >= 0 ? count : Number.POSITIVE_INFINITY;
    if (from === '') return limit === Number.POSITIVE_INFINITY ? to + Array.from(text).join(to) + to : text;
    const parts = text.split(from);
    if (parts.length - 1 <= limit) return parts.join(to);
    return parts.slice(0, limit + 1).join(to) + from + parts.slice(limit + 1).join(from);
  });
  add('truncate', ['length', 'killwords', 'end', 'leeway'], (value, length, killwords, end, leeway) => {
    const text = toText(value);
    const max = typeof length === 'number' ? length : 255;
    const tail = end === undefined || end === null ? '...' : toText(end);
    const slack = typeof leeway === 'number' ? leeway : 5;
    if (text.length <= max + slack) return text;
    const cut = text.slice(0, Math.max(0, max - tail.length));
    if (killwords === true) return cut + tail;
    const space = cut.lastIndexOf(' ');
    return (space === -1 ? cut : cut.slice(0, space)) + tail;
  });
  add('urlencode', [], (value) => {
    if (typeof value === 'string') return encodeURIComponent(value).replace(/%2F/g, '/');
    const pairs = Array.isArray(value) ? value : isPlainObject(value) ? Object.entries(value) : undefined;
    if (pairs === undefined) return encodeURIComponent(toText(value));
    const quote = (part: unknown) => encodeURIComponent(toText(part)).replace(/%20/g, '+');
    return pairs.map((pair) => (Array.isArray(pair) ? `${quote(pair[0])}=${quote(pair[1])}` : quote(pair))).join('&');
  });
  add('b64encode', [], (value) => Buffer.from(toText(value), 'utf8').toString('base64'));
  add('b64decode', [], (value) => {
    const text = toText(value).replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) throw filterError('b64decode', 'input is not base64');
    return Buffer.from(text, 'base64').toString('utf8');
  });
  filters['format'] = (value, ...args) => formatPercent(toText(value), args);
  add('safe', [], (value) => value);
  const escape = (value: unknown) =>
    toText(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c] ?? c);
  add('escape', [], escape);
  add('e', [], escape);

  // Numbers
  add('int', ['default', 'base'], (value, fallback, base) => toInt(value, fallback ?? 0, typeof base === 'number' ? base : 10));
  add('float', ['default'], (value, fallback) => toFloat(value, fallback ?? 0));
  add('abs', [], (value) => {
    if (typeof value !== 'number') throw filterError('abs', `expected a number, got ${describeType(value)}`);
    return Math.abs(value);
  });
  add('round', ['precision', 'method'], (value, precision, method) => {
    if (typeof value !== 'number') throw filterError('round', `expected a number, got ${describeType(value)}`);
    const factor = 10 ** (typeof precision === 'number' ? precision : 0);
    const scaled = value * factor;
    const rounded =
      method === 'ceil' ? Math.ceil(scaled) : method === 'floor' ? Math.floor(scaled) : Math.sign(scaled) * Math.round(Math.abs(scaled));
    return rounded / factor;
  });

  // Lists
  add('first', [], (value) => (Array.isArray(value) || typeof value === 'string' ? value[0] : undefined));
  add('last', [], (value) => (Array.isArray(value) || typeof value === 'string' ? value[value.length - 1] : undefined));
  add('list', [], (value) => iterate('list', value));
  add('reverse', [], (value) => {
    if (typeof value === 'string') return Array.from(value).reverse().join('');
    return iterate('reverse', value).reverse();
  });
  add('join', ['d', 'attribute'], (value, separator, attribute) => {
    const get = attributeGetter(attribute);
    return iterate('join', value)
      .map((item) => toText(get(item)))
      .join(toText(separator));
  });
  add('sort', ['reverse', 'case_sensitive', 'attribute'], (value, reverse, caseSensitive, attribute) => {
    const get = attributeGetter(attribute);
    const sign = reverse === true ? -1 : 1;
    return iterate('sort', value).sort((a, b) => sign * compareValues(get(a), get(b), caseSensitive === true));
  });
  add('unique', ['case_sensitive', 'attribute'], (value, caseSensitive, attribute) => {
    const get = attributeGetter(attribute);
    const seen = new Set<string>();
    return iterate('unique', value).filter((item) => {
      const key = get(item);
      const identity = typeof key === 'string' && caseSensitive !== true ? `s:${key.toLowerCase()}` : `${typeof key}:${toText(key)}`;
      if (seen.has(identity)) return false;
      seen.add(identity);
      return true;
    });
  });
  const extreme = (name: string, sign: number) => (value: unknown, caseSensitive: unknown, attribute: unknown) => {
    const get = attributeGetter(attribute);
    return iterate(name, value).reduce<unknown>(
      (best, item) => (best === undefined || sign * compareValues(get(item), get(best), caseSensitive === true) > 0 ? item : best),
      undefined,
    );
  };
  add('min', ['case_sensitive', 'attribute'], extreme('min', -1));
  add('max', ['case_sensitive', 'attribute'], extreme('max', 1));
  add('sum', ['attribute', 'start'], (value, attribute, start) => {
    const get = attributeGetter(attribute);
    return iterate('sum', value).reduce<number>((total, item) => total + Number(get(item)), typeof start === 'number' ? start : 0);
  });
  add('items', [], (value) => (isPlainObject(value) ? Object.entries(value) : []));
  add('dictsort', ['case_sensitive', 'by', 'reverse'], (value, caseSensitive, by, reverse) => {
    if (!isPlainObject(value)) throw filterError('dictsort', `expected a mapping, got ${describeType(value)}`);
    const index = by === 'value' ? 1 : 0;
    const sign = reverse === true ? -1 : 1;
    return Object.entries(value).sort((a, b) => sign * compareValues(a[index], b[index], caseSensitive === true));
  });

  // Filtering and mapping by registered tests and filters only.
  const selecting = (name: string, keep: boolean) => (value: unknown, test: unknown, ...args: unknown[]) => {
    const check = predicate(name, test ?? 'truthy');
    return iterate(name, value).filter((item) => check(item, ...args) === keep);
  };
  filters['select'] = selecting('select', true);
  filters['reject'] = selecting('reject', false);
  const selectingAttr = (name: string, keep: boolean) => (value: unknown, attribute: unknown, test: unknown, ...args: unknown[]) => {
    const get = attributeGetter(attribute);
    const check = predicate(name, test ?? 'truthy');
    return iterate(name, value).filter((item) => check(get(item), ...args) === keep);
  };
  filters['selectattr'] = selectingAttr('selectattr', true);
  filters['rejectattr'] = selectingAttr('rejectattr', false);
  filters['map'] = (value, ...args) => {
    const last = args.at(-1);
    if (isPlainObject(last) && Object.hasOwn(last, '__keywords') && Object.hasOwn(last, 'attribute')) {
      const get = attributeGetter(last['attribute']);
      const fallback = last['default'];
      return iterate('map', value).map((item) => get(item) ?? fallback);
    }
    const [name, ...rest] = args;
    const filter = typeof name === 'string' && !name.startsWith('__') && Object.hasOwn(filters, name) ? filters[name] : undefined;
    if (filter === undefined) throw filterError('map', `unknown filter ${JSON.stringify(name)}`);
    return iterate('map', value).map((item) => filter(item, ...rest));
  };

  return filters;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

function toInt(value: unknown, fallback: unknown, base: number): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : fallback;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return fallback;
  const text = value.trim().replace(/_/g, '');
  if (base === 10) {
    if (/^[-+]?[0-9]+$/.test(text)) return Number.parseInt(text, 10);
    const float = toFloat(text, undefined);
    return typeof float === 'number' && Number.isFinite(float) ? Math.trunc(float) : fallback;
  }
  const digits = text.replace(/^([-+]?)0[xob]/i, '$1');
  const parsed = Number.parseInt(digits, base);
  return Number.isNaN(parsed) ? fallback : parsed;
}

function toFloat(value: unknown, fallback: unknown): unknown {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string' || value.trim() === '') return fallback;
  const parsed = Number(value.trim());
  return Number.isNaN(parsed) ? fallback : parsed;
}

/** Python's `"%s is %d" % (a, b)`, for Jinja's `format` filter (%s %d %i %f %r %%). */
function formatPercent(pattern: string, args: unknown[]): string {
  let next = 0;
  return pattern.replace(/%(\.([0-9]+))?([sdifr%])/g, (_match, _precisionGroup, precision: string | undefined, kind: string) => {
    if (kind === '%') return '%';
    if (next >= args.length) throw filterError('format', 'not enough arguments for the format string');
    const arg = args[next++];
    switch (kind) {
      case 'd':
      case 'i':
        return String(Math.trunc(Number(arg)));
      case 'f':
        return Number(arg).toFixed(precision === undefined ? 6 : Number(precision));
      case 'r':
        return JSON.stringify(arg) ?? 'undefined';
      default:
        return toText(arg);
    }
  });
}
