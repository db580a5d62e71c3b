import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { percentFormat } from '../formatting/percent-format.js';
import { replaceText } from '../methods/str-methods.js';
import { PY_SPACE, pythonCapitalize, splitLines, stripText } from '../methods/python-text.js';
import { requireInt } from '../methods/method-arguments.js';
import type { FilterFunction } from '../runtime/vocabulary.js';
import { codePointLength, codePoints } from '../values/code-points.js';
import { isDict, isPlainObject } from '../values/kinds.js';
import { PyDict } from '../values/py-dict.js';
import { PyTuple } from '../values/py-tuple.js';
import { dictEntries } from '../methods/dict-methods.js';
import { isUndefined } from '../values/undefined-value.js';
import { iterateValue } from '../runtime/iteration.js';
import { filter, text } from './filter-support.js';
import { toNumber } from '../values/kinds.js';
import { formatFixed } from '../formatting/number-format.js';

/** markupsafe.escape: & < > " ' as HTML entities. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c] as string);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function unescapeHtml(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (match, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return ENTITIES[body] ?? match;
  });
}

/** Python's urllib quote over UTF-8: letters, digits and `_.-~` (and `safe`) stay. */
function urlQuote(value: string, forQuery: boolean): string {
  const bytes = Buffer.from(value, 'utf8');
  let out = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.\-~]/.test(char) || (!forQuery && char === '/')) out += char;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return forQuery ? out.replace(/%20/g, '+') : out;
}

const WORD_START = /([-\s({[<]+)/u;
const SPACE_RUN = new RegExp(`[${PY_SPACE}]+`, 'u');

export const TEXT_FILTERS: Record<string, FilterFunction> = {
  lower: filter('do_lower', [], (state, value) => text(state, value).toLowerCase()),
  upper: filter('do_upper', [], (state, value) => text(state, value).toUpperCase()),
  capitalize: filter('do_capitalize', [], (state, value) => pythonCapitalize(text(state, value))),
  title: filter('do_title', [], (state, value) =>
    text(state, value)
      .split(WORD_START)
      .filter((item) => item !== '')
      .map((item) => {
        const [first = '', ...rest] = Array.from(item);
        return first.toUpperCase() + rest.join('').toLowerCase();
      })
      .join(''),
  ),
  trim: filter('do_trim', [['chars', null]], (state, value, chars) => stripText(text(state, value), chars === null ? undefined : text(state, chars), true, true)),
  center: filter('do_center', [['width', 80]], (state, value, width) => {
    const size = requireInt('width', width);
    state.checkSize(size);
    const body = text(state, value);
    const room = size - codePointLength(body);
    if (room <= 0) return body;
    const left = Math.floor(room / 2) + (room & size & 1);
    return ' '.repeat(left) + body + ' '.repeat(room - left);
  }),
  replace: filter('do_replace', ['old', 'new', ['count', null]], (state, value, old, replacement, count) =>
    replaceText(state, text(state, value), text(state, old), text(state, replacement), count === null ? -1 : requireInt('count', count)),
  ),
  truncate: filter('do_truncate', [['length', 255], ['killwords', false], ['end', '...'], ['leeway', null]], (state, value, lengthValue, killwords, endValue, leewayValue) => {
    const body = text(state, value);
    const length = requireInt('length', lengthValue);
    const end = text(state, endValue);
    const leeway = leewayValue === null ? 5 : requireInt('leeway', leewayValue);
    if (length < codePointLength(end)) throw new JinjaRuntimeError(`expected length >= ${codePointLength(end)}, got ${length}`, 'AssertionError');
    if (leeway < 0) throw new JinjaRuntimeError(`expected leeway >= 0, got ${leeway}`, 'AssertionError');
    const chars = codePoints(body);
    if (chars.length <= length + leeway) return body;
    const cut = chars.slice(0, length - codePointLength(end)).join('');
    if (killwords === true || (typeof killwords !== 'boolean' && killwords !== null && killwords !== 0)) return cut + end;
    const space = cut.lastIndexOf(' ');
    return (space === -1 ? cut : cut.slice(0, space)) + end;
  }),
  wordcount: filter('do_wordcount', [], (state, value) => (text(state, value).match(/[\p{L}\p{N}_]+/gu) ?? []).length),
  indent: filter('do_indent', [['width', 4], ['first', false], ['blank', false]], (state, value, width, first, blank) => {
    const indention = typeof width === 'string' ? width : ' '.repeat(requireInt('width', width));
    const body = `${text(state, value)}\n`;
    const lines = splitLines(body, false);
    state.checkSize(body.length + lines.length * indention.length);
    let result: string;
    if (blank === true) result = lines.join(`\n${indention}`);
    else {
      const [head = '', ...rest] = lines;
      result = head + (rest.length > 0 ? `\n${rest.map((line) => (line === '' ? line : indention + line)).join('\n')}` : '');
    }
    return first === true ? indention + result : result;
  }),
  striptags: filter('do_striptags', [], (state, value) => {
    const stripped = text(state, value).replace(/<!--.*?-->/gs, '').replace(/<.*?>/gs, '');
    return unescapeHtml(stripped.split(SPACE_RUN).filter((part) => part !== '').join(' '));
  }),
  escape: filter('escape', [], (state, value) => escapeHtml(text(state, value))),
  e: filter('escape', [], (state, value) => escapeHtml(text(state, value))),
  forceescape: filter('do_forceescape', [], (state, value) => escapeHtml(text(state, value))),
  safe: filter('do_mark_safe', [], (state, value) => text(state, value)),
  string: filter('soft_str', [], (state, value) => text(state, value)),
  format: (state, value, call) => {
    if (call.positional.length > 0 && call.keywords !== null) throw new JinjaRuntimeError("can't handle positional and keyword arguments at the same time", 'FilterArgumentError');
    let values: unknown;
    if (call.keywords !== null) {
      const mapping = new PyDict();
      for (const [key, item] of call.keywords) mapping.set(key, item);
      values = mapping;
    } else values = PyTuple.of_(call.positional);
    return percentFormat(text(state, value), values, state);
  },
  urlencode: filter('do_urlencode', [], (state, value) => {
    if (typeof value === 'string') return urlQuote(value, false);
    if (isDict(value)) return dictEntries(value).map(([k, v]) => `${urlQuote(text(state, k), true)}=${urlQuote(text(state, v), true)}`).join('&');
    if (Array.isArray(value)) {
      return value
        .map((pair) => {
          const items = iterateValue(state, pair);
          if (items.length !== 2) throw new JinjaRuntimeError('expected (key, value) pairs', 'ValueError');
          return `${urlQuote(text(state, items[0]), true)}=${urlQuote(text(state, items[1]), true)}`;
        })
        .join('&');
    }
    return urlQuote(text(state, value), false);
  }),
  xmlattr: filter('do_xmlattr', [['autospace', true]], (state, value, autospace) => {
    if (!isDict(value)) throw new JinjaRuntimeError("'xmlattr' expects a mapping", 'AttributeError');
    const items: string[] = [];
    for (const [key, item] of dictEntries(value)) {
      if (item === null || isUndefined(item)) continue;
      const name = text(state, key);
      if (/[\s/>=]/.test(name)) throw new JinjaRuntimeError(`Invalid character in attribute name: '${name}'`, 'ValueError');
      items.push(`${escapeHtml(name)}="${escapeHtml(text(state, item))}"`);
    }
    const joined = items.join(' ');
    return autospace === true && joined !== '' ? ` ${joined}` : joined;
  }),
  filesizeformat: filter('do_filesizeformat', [['binary', false]], (state, value, binary) => {
    const bytes = typeof value === 'string' ? Number(value) : toNumber(value);
    if (Number.isNaN(bytes) && typeof value !== 'number') throw new JinjaRuntimeError(`could not convert string to float: '${text(state, value)}'`, 'ValueError');
    const base = binary === true ? 1024 : 1000;
    const prefixes = binary === true ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
    if (bytes === 1) return '1 Byte';
    if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
    let unit = base;
    for (let i = 0; i < prefixes.length; i += 1) {
      unit = base ** (i + 2);
      if (bytes < unit) return `${formatFixed((base * bytes) / unit, 1)} ${prefixes[i] as string}`;
    }
    return `${formatFixed((base * bytes) / unit, 1)} ${prefixes.at(-1) as string}`;
  }),
};

export { isPlainObject };
