import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { strFormat } from '../formatting/str-format.js';
import { bindArguments } from '../runtime/bind-arguments.js';
import type { CallArguments } from '../runtime/call-arguments.js';
import type { RenderState } from '../runtime/render-state.js';
import { codePointLength, codePoints } from '../values/code-points.js';
import { isDict } from '../values/kinds.js';
import { PyTuple } from '../values/py-tuple.js';
import { iterateValue } from '../runtime/iteration.js';
import { pythonTypeName } from '../values/kinds.js';
import type { MethodFunction } from './method-lookup.js';
import { optionalInt, requireInt, requireText } from './method-arguments.js';
import { PY_SPACE, isCased, pythonCapitalize, pythonTitle, splitLines, splitWhitespace, stripText } from './python-text.js';

const SPACE_ONLY = new RegExp(`^[${PY_SPACE}]+$`, 'u');

type StrMethod = (state: RenderState, self: string, call: CallArguments) => unknown;

function split(state: RenderState, self: string, call: CallArguments, fromRight: boolean): string[] {
  const [sep, maxsplitValue] = bindArguments(fromRight ? 'rsplit' : 'split', [['sep', null], ['maxsplit', -1]], call);
  const maxsplit = requireInt('maxsplit', maxsplitValue);
  state.charge(self.length / 16);
  if (sep === null) {
    if (!fromRight) return state.owned(splitWhitespace(self, maxsplit));
    const reversed = splitWhitespace(codePoints(self).reverse().join(''), maxsplit);
    return state.owned(reversed.map((part) => codePoints(part).reverse().join('')).reverse());
  }
  const separator = requireText('separator', sep);
  if (separator === '') throw new JinjaRuntimeError('empty separator', 'ValueError');
  const parts = self.split(separator);
  if (maxsplit < 0 || parts.length - 1 <= maxsplit) return state.owned(parts);
  if (!fromRight) return state.owned([...parts.slice(0, maxsplit), parts.slice(maxsplit).join(separator)]);
  const cut = parts.length - maxsplit;
  return state.owned([parts.slice(0, cut).join(separator), ...parts.slice(cut)]);
}

function affix(self: string, call: CallArguments, name: string, test: (text: string, affix: string) => boolean): boolean {
  const [prefix, start, end] = bindArguments(name, ['prefix', ['start', null], ['end', null]], call);
  let text = self;
  if (start !== null || end !== null) {
    const chars = codePoints(self);
    const length = chars.length;
    const norm = (value: unknown, fallback: number) => {
      const index = optionalInt('', value, fallback);
      return index < 0 ? Math.max(0, index + length) : Math.min(index, length);
    };
    text = chars.slice(norm(start, 0), norm(end, length)).join('');
  }
  if (prefix instanceof PyTuple) return prefix.some((item) => test(text, requireText(`tuple for ${name}`, item)));
  if (typeof prefix !== 'string') throw new JinjaRuntimeError(`${name} first arg must be str or a tuple of str, not ${pythonTypeName(prefix)}`);
  return test(text, prefix);
}

function pad(state: RenderState, self: string, call: CallArguments, name: string, place: (room: number, fill: string, width: number) => string): string {
  const [widthValue, fillValue] = bindArguments(name, ['width', ['fillchar', ' ']], call);
  const width = requireInt('width', widthValue);
  const fill = requireText('fillchar', fillValue);
  if (codePointLength(fill) !== 1) throw new JinjaRuntimeError('The fill character must be exactly one character long');
  state.checkSize(width);
  const room = width - codePointLength(self);
  return room <= 0 ? self : place(room, fill, width);
}

function find(self: string, call: CallArguments, name: string, fromRight: boolean): number {
  const [sub, start, end] = bindArguments(name, ['sub', ['start', null], ['end', null]], call);
  const needle = requireText('substring', sub);
  const chars = codePoints(self);
  const norm = (value: unknown, fallback: number) => {
    const index = optionalInt('', value, fallback);
    return index < 0 ? Math.max(0, index + chars.length) : Math.min(index, chars.length);
  };
  const from = norm(start, 0);
  const to = norm(end, chars.length);
  if (to < from) return -1;
  const window = chars.slice(from, to).join('');
  const found = fromRight ? window.lastIndexOf(needle) : window.indexOf(needle);
  return found === -1 ? -1 : from + codePointLength(window.slice(0, found));
}

function predicate(test: (text: string) => boolean): StrMethod {
  return (_state, self, call) => {
    bindArguments('is', [], call);
    return test(self);
  };
}

const METHODS: Record<string, StrMethod> = {
  split: (state, self, call) => split(state, self, call, false),
  rsplit: (state, self, call) => split(state, self, call, true),
  splitlines: (state, self, call) => {
    const [keepends] = bindArguments('splitlines', [['keepends', false]], call);
    return state.owned(splitLines(self, keepends === true));
  },
  strip: (_state, self, call) => stripText(self, optionalText(bindArguments('strip', [['chars', null]], call)[0]), true, true),
  lstrip: (_state, self, call) => stripText(self, optionalText(bindArguments('lstrip', [['chars', null]], call)[0]), true, false),
  rstrip: (_state, self, call) => stripText(self, optionalText(bindArguments('rstrip', [['chars', null]], call)[0]), false, true),
  startswith: (_state, self, call) => affix(self, call, 'startswith', (text, prefix) => text.startsWith(prefix)),
  endswith: (_state, self, call) => affix(self, call, 'endswith', (text, suffix) => text.endsWith(suffix)),
  replace: (state, self, call) => {
    const [old, replacement, count] = bindArguments('replace', ['old', 'new', ['count', -1]], call);
    return replaceText(state, self, requireText('replace() argument 1', old), requireText('replace() argument 2', replacement), requireInt('count', count));
  },
  lower: (_state, self) => self.toLowerCase(),
  upper: (_state, self) => self.toUpperCase(),
  casefold: (_state, self) => self.toLowerCase(),
  swapcase: (_state, self) => Array.from(self, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  title: (_state, self) => pythonTitle(self),
  capitalize: (_state, self) => pythonCapitalize(self),
  center: (state, self, call) =>
    pad(state, self, call, 'center', (room, fill, width) => {
      const left = Math.floor(room / 2) + (room & width & 1);
      return fill.repeat(left) + self + fill.repeat(room - left);
    }),
  ljust: (state, self, call) => pad(state, self, call, 'ljust', (room, fill) => self + fill.repeat(room)),
  rjust: (state, self, call) => pad(state, self, call, 'rjust', (room, fill) => fill.repeat(room) + self),
  zfill: (state, self, call) => {
    const width = requireInt('width', bindArguments('zfill', ['width'], call)[0]);
    state.checkSize(width);
    const room = width - codePointLength(self);
    if (room <= 0) return self;
    const sign = self.startsWith('-') || self.startsWith('+') ? self[0] : '';
    return sign + '0'.repeat(room) + self.slice(sign.length);
  },
  count: (state, self, call) => {
    const [sub] = bindArguments('count', ['sub', ['start', null], ['end', null]], call);
    const needle = requireText('substring', sub);
    state.charge(self.length / 16);
    return needle === '' ? codePointLength(self) + 1 : self.split(needle).length - 1;
  },
  find: (_state, self, call) => find(self, call, 'find', false),
  rfind: (_state, self, call) => find(self, call, 'rfind', true),
  index: (_state, self, call) => {
    const found = find(self, call, 'index', false);
    if (found === -1) throw new JinjaRuntimeError('substring not found', 'ValueError');
    return found;
  },
  rindex: (_state, self, call) => {
    const found = find(self, call, 'rindex', true);
    if (found === -1) throw new JinjaRuntimeError('substring not found', 'ValueError');
    return found;
  },
  join: (state, self, call) => {
    const [iterable] = bindArguments('join', ['iterable'], call);
    const items = iterateValue(state, iterable);
    const texts = items.map((item, i) => {
      if (typeof item !== 'string') throw new JinjaRuntimeError(`sequence item ${i}: expected str instance, ${pythonTypeName(item)} found`);
      return item;
    });
    state.checkSize(texts.reduce((total, text) => total + text.length, 0) + self.length * Math.max(0, texts.length - 1));
    return texts.join(self);
  },
  format: (state, self, call) => strFormat(state, self, call.positional, call.keywords ?? new Map()),
  format_map: (state, self, call) => {
    const [mapping] = bindArguments('format_map', ['mapping'], call);
    if (!isDict(mapping)) throw new JinjaRuntimeError(`format_map() argument must be a mapping, not ${pythonTypeName(mapping)}`);
    return strFormat(state, self, [], mapping);
  },
  partition: (_state, self, call) => partition(self, requireText('separator', bindArguments('partition', ['sep'], call)[0]), false),
  rpartition: (_state, self, call) => partition(self, requireText('separator', bindArguments('rpartition', ['sep'], call)[0]), true),
  removeprefix: (_state, self, call) => {
    const prefix = requireText('prefix', bindArguments('removeprefix', ['prefix'], call)[0]);
    return prefix !== '' && self.startsWith(prefix) ? self.slice(prefix.length) : self;
  },
  removesuffix: (_state, self, call) => {
    const suffix = requireText('suffix', bindArguments('removesuffix', ['suffix'], call)[0]);
    return suffix !== '' && self.endsWith(suffix) ? self.slice(0, -suffix.length) : self;
  },
  isdigit: predicate((text) => /^[\p{Nd}\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089]+$/u.test(text)),
  isdecimal: predicate((text) => /^\p{Nd}+$/u.test(text)),
  isnumeric: predicate((text) => /^\p{N}+$/u.test(text)),
  isalpha: predicate((text) => /^\p{L}+$/u.test(text)),
  isalnum: predicate((text) => /^[\p{L}\p{N}]+$/u.test(text)),
  isspace: predicate((text) => SPACE_ONLY.test(text)),
  isascii: predicate((text) => Array.from(text).every((char) => (char.codePointAt(0) ?? 0) < 0x80)),
  isidentifier: predicate((text) => /^[\p{ID_Start}_][\p{ID_Continue}]*$/u.test(text)),
  islower: predicate((text) => Array.from(text).some(isCased) && text === text.toLowerCase()),
  isupper: predicate((text) => Array.from(text).some(isCased) && text === text.toUpperCase()),
  istitle: predicate((text) => Array.from(text).some(isCased) && pythonTitle(text) === text),
};

function optionalText(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : requireText('strip arg', value);
}

function partition(self: string, separator: string, fromRight: boolean): PyTuple<string> {
  if (separator === '') throw new JinjaRuntimeError('empty separator', 'ValueError');
  const at = fromRight ? self.lastIndexOf(separator) : self.indexOf(separator);
  if (at === -1) return PyTuple.of_(fromRight ? ['', '', self] : [self, '', '']);
  return PyTuple.of_([self.slice(0, at), separator, self.slice(at + separator.length)]);
}

/** Python's `str.replace`, its result size checked before it is built. */
export function replaceText(state: RenderState, text: string, old: string, replacement: string, count: number): string {
  if (old === '') {
    const chars = codePoints(text);
    const slots = count < 0 ? chars.length + 1 : Math.min(count, chars.length + 1);
    state.checkSize(text.length + slots * replacement.length);
    let out = '';
    for (let i = 0; i < chars.length; i += 1) out += (i < slots ? replacement : '') + (chars[i] as string);
    return slots > chars.length ? out + replacement : out;
  }
  const parts = text.split(old);
  const occurrences = count < 0 ? parts.length - 1 : Math.min(count, parts.length - 1);
  state.checkSize(text.length + occurrences * (replacement.length - old.length));
  state.charge(text.length / 16);
  if (occurrences === parts.length - 1) return parts.join(replacement);
  return parts.slice(0, occurrences + 1).join(replacement) + old + parts.slice(occurrences + 1).join(old);
}

export const STR_METHODS: Readonly<Record<string, MethodFunction>> = METHODS as unknown as Record<string, MethodFunction>;
