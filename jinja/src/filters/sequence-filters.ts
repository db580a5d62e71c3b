import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { dictEntries } from '../methods/dict-methods.js';
import { requireInt } from '../methods/method-arguments.js';
import type { CallArguments } from '../runtime/call-arguments.js';
import { getPythonAttribute } from '../runtime/lookup.js';
import { iterateValue } from '../runtime/iteration.js';
import type { RenderState } from '../runtime/render-state.js';
import { sortItems } from '../runtime/sorting.js';
import type { FilterFunction } from '../runtime/vocabulary.js';
import { binaryOperation } from '../values/arithmetic.js';
import { codePoints } from '../values/code-points.js';
import { DictView } from '../values/dict-view.js';
import { hashKey } from '../values/py-dict.js';
import { isDict, pythonTypeName } from '../values/kinds.js';
import { PyIterator } from '../values/py-iterator.js';
import { PyRange } from '../values/py-range.js';
import { GroupTuple, PyTuple } from '../values/py-tuple.js';
import { pyCompare } from '../values/ordering.js';
import { isTruthy } from '../values/truthiness.js';
import { JinjaUndefined } from '../values/undefined-value.js';
import { attributeGetter, filter, ignoreCase } from './filter-support.js';

function lengthOf(value: unknown): number {
  if (typeof value === 'string') return codePoints(value).length;
  if (Array.isArray(value)) return value.length;
  if (isDict(value)) return dictEntries(value).length;
  if (value instanceof PyRange) return value.length;
  if (value instanceof DictView) return value.entries.length;
  if (value instanceof JinjaUndefined) return 0;
  throw new JinjaRuntimeError(`object of type '${pythonTypeName(value)}' has no len()`);
}

function generator(items: unknown[], origin: string): PyIterator {
  return new PyIterator(items, 'generator', origin);
}

function extreme(name: string, sign: 1 | -1): FilterFunction {
  return filter(name, [['case_sensitive', false], ['attribute', null]], (state, value, caseSensitive, attribute) => {
    const items = iterateValue(state, value);
    if (items.length === 0) return new JinjaUndefined('No aggregated item, sequence was empty.');
    const key = attributeGetter(state, attribute);
    const compareKey = (item: unknown) => (caseSensitive === true ? key(item) : ignoreCase(key(item)));
    let best = items[0];
    let bestKey = compareKey(best);
    for (const item of items.slice(1)) {
      const itemKey = compareKey(item);
      if (sign * pyCompare(itemKey, bestKey) > 0) {
        best = item;
        bestKey = itemKey;
      }
    }
    return best;
  });
}

function selecting(name: string, keep: boolean, byAttribute: boolean): FilterFunction {
  return (state, value, call) => {
    const items = isTruthy(value) ? iterateValue(state, value) : [];
    const args = call.positional;
    let offset = 0;
    let transform = (item: unknown) => item;
    if (byAttribute) {
      if (args.length === 0) throw new JinjaRuntimeError('Missing parameter for attribute name', 'FilterArgumentError');
      transform = attributeGetter(state, args[0]);
      offset = 1;
    }
    let check: (item: unknown) => boolean = isTruthy;
    if (args.length > offset) {
      const testName = args[offset];
      const test = typeof testName === 'string' ? state.vocabulary.tests.get(testName) : undefined;
      if (test === undefined) throw new JinjaRuntimeError(`No test named ${typeof testName === 'string' ? `'${testName}'` : String(testName)}.`, 'TemplateRuntimeError');
      const rest: CallArguments = { positional: args.slice(offset + 1), keywords: call.keywords };
      check = (item) => test(state, item, rest);
    }
    return generator(items.filter((item) => check(transform(item)) === keep), `sync_do_${name}`);
  };
}

function callFilter(state: RenderState, name: unknown, value: unknown, call: CallArguments): unknown {
  const found = typeof name === 'string' ? state.vocabulary.filters.get(name) : undefined;
  if (found === undefined) throw new JinjaRuntimeError(`No filter named ${typeof name === 'string' ? `'${name}'` : String(name)}.`, 'TemplateRuntimeError');
  return found(state, value, call);
}

const defaultFilter: FilterFunction = filter('do_default', [['default_value', ''], ['boolean', false]], (_state, value, fallback, boolean) =>
  value instanceof JinjaUndefined || (isTruthy(boolean) && !isTruthy(value)) ? fallback : value,
);

export const SEQUENCE_FILTERS: Record<string, FilterFunction> = {
  default: defaultFilter,
  d: defaultFilter,
  length: filter('len', [], (_state, value) => lengthOf(value)),
  count: filter('len', [], (_state, value) => lengthOf(value)),
  first: filter('do_first', [], (state, value) => {
    const items = value instanceof PyIterator ? value.drain() : iterateValue(state, value);
    return items.length === 0 ? new JinjaUndefined('No first item, sequence was empty.') : items[0];
  }),
  last: filter('do_last', [], (state, value) => {
    if (value instanceof PyIterator) throw new JinjaRuntimeError("'generator' object is not reversible");
    const items = iterateValue(state, value);
    return items.length === 0 ? new JinjaUndefined('No last item, sequence was empty.') : items[items.length - 1];
  }),
  random: filter('do_random', [], (state, value) => {
    const items = iterateValue(state, value);
    return items.length === 0 ? new JinjaUndefined('No random item, sequence was empty.') : items[Math.floor(Math.random() * items.length)];
  }),
  list: filter('do_list', [], (state, value) => state.owned([...iterateValue(state, value)])),
  reverse: filter('do_reverse', [], (state, value) => {
    if (typeof value === 'string') return codePoints(value).reverse().join('');
    if (Array.isArray(value) || value instanceof PyRange || value instanceof DictView) {
      return new PyIterator([...iterateValue(state, value)].reverse(), value instanceof PyTuple || !Array.isArray(value) ? 'reversed' : 'list_reverseiterator', 'reversed');
    }
    if (isDict(value)) return new PyIterator([...iterateValue(state, value)].reverse(), 'dict_reversekeyiterator', 'reversed');
    return state.owned([...iterateValue(state, value)].reverse());
  }),
  join: filter('do_join', [['d', ''], ['attribute', null]], (state, value, separator, attribute) => {
    const get = attributeGetter(state, attribute);
    const glue = typeof separator === 'string' ? separator : String(separator);
    const texts = iterateValue(state, value).map((item) => {
      const got = get(item);
      return typeof got === 'string' ? got : (state.vocabulary.filters.get('string') as FilterFunction)(state, got, { positional: [], keywords: null }) as string;
    });
    state.checkSize(texts.reduce((total, item) => total + item.length, 0) + glue.length * texts.length);
    return texts.join(glue);
  }),
  sort: filter('do_sort', [['reverse', false], ['case_sensitive', false], ['attribute', null]], (state, value, reverse, caseSensitive, attribute) => {
    const attributes = typeof attribute === 'string' ? attribute.split(',') : [attribute];
    const getters = attributes.map((part) => attributeGetter(state, part));
    const key = (item: unknown) => {
      const keys = getters.map((get) => (caseSensitive === true ? get(item) : ignoreCase(get(item))));
      return attributes.length > 1 ? state.owned(keys) : keys[0];
    };
    return state.owned(sortItems(state, [...iterateValue(state, value)], key, isTruthy(reverse)));
  }),
  unique: filter('do_unique', [['case_sensitive', false], ['attribute', null]], (state, value, caseSensitive, attribute) => {
    const get = attributeGetter(state, attribute);
    const seen = new Set<string>();
    const kept = iterateValue(state, value).filter((item) => {
      const key = hashKey(caseSensitive === true ? get(item) : ignoreCase(get(item)));
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return generator(kept, 'sync_do_unique');
  }),
  min: extreme('do_min', -1),
  max: extreme('do_max', 1),
  sum: filter('do_sum', [['attribute', null], ['start', 0]], (state, value, attribute, start) => {
    const get = attributeGetter(state, attribute);
    return iterateValue(state, value).reduce<unknown>((total, item) => binaryOperation('+', total, get(item), state), start);
  }),
  map: (state, value, call) => {
    const items = isTruthy(value) ? iterateValue(state, value) : [];
    if (call.positional.length === 0 && call.keywords?.has('attribute') === true) {
      const keywords = new Map(call.keywords);
      const attribute = keywords.get('attribute');
      const fallback = keywords.get('default');
      keywords.delete('attribute');
      keywords.delete('default');
      if (keywords.size > 0) throw new JinjaRuntimeError(`Unexpected keyword argument '${[...keywords.keys()][0] as string}'`, 'FilterArgumentError');
      const get = attributeGetter(state, attribute, fallback);
      return generator(items.map(get), 'sync_do_map');
    }
    if (call.positional.length === 0) throw new JinjaRuntimeError('map requires a filter argument', 'FilterArgumentError');
    const [name, ...rest] = call.positional;
    const args: CallArguments = { positional: rest, keywords: call.keywords };
    return generator(items.map((item) => callFilter(state, name, item, args)), 'sync_do_map');
  },
  select: selecting('select', true, false),
  reject: selecting('reject', false, false),
  selectattr: selecting('selectattr', true, true),
  rejectattr: selecting('rejectattr', false, true),
  batch: filter('do_batch', ['linecount', ['fill_with', null]], (state, value, linecount, fillWith) => {
    const size = requireInt('linecount', linecount);
    if (size <= 0) throw new JinjaRuntimeError('batch size must be positive', 'ValueError');
    const items = iterateValue(state, value);
    const batches: unknown[][] = [];
    for (let i = 0; i < items.length; i += size) batches.push(state.owned(items.slice(i, i + size)));
    const last = batches.at(-1);
    if (last !== undefined && fillWith !== null && last.length < size) while (last.length < size) last.push(fillWith);
    return generator(batches, 'do_batch');
  }),
  slice: filter('do_slice', ['slices', ['fill_with', null]], (state, value, slicesValue, fillWith) => {
    const slices = requireInt('slices', slicesValue);
    if (slices <= 0) throw new JinjaRuntimeError('integer division or modulo by zero', 'ZeroDivisionError');
    const items = iterateValue(state, value);
    const perSlice = Math.floor(items.length / slices);
    const withExtra = items.length % slices;
    const result: unknown[][] = [];
    let offset = 0;
    for (let n = 0; n < slices; n += 1) {
      const start = offset + n * perSlice;
      if (n < withExtra) offset += 1;
      const end = offset + (n + 1) * perSlice;
      const part = state.owned(items.slice(start, end));
      if (fillWith !== null && n >= withExtra) part.push(fillWith);
      result.push(part);
    }
    return generator(result, 'sync_do_slice');
  }),
  groupby: filter('do_groupby', ['attribute', ['default', null], ['case_sensitive', false]], (state, value, attribute, fallback, caseSensitive) => {
    const get = attributeGetter(state, attribute, fallback);
    const key = (item: unknown) => (caseSensitive === true ? get(item) : ignoreCase(get(item)));
    const sorted = sortItems(state, [...iterateValue(state, value)], key, false);
    const groups: PyTuple[] = [];
    let current: unknown[] | undefined;
    let currentKey: unknown;
    for (const item of sorted) {
      const itemKey = key(item);
      if (current === undefined || pyCompare(itemKey, currentKey) !== 0) {
        current = state.owned([]);
        currentKey = itemKey;
        groups.push(PyTuple.of_([caseSensitive === true ? itemKey : get(item), current]));
      }
      current.push(item);
    }
    return state.owned(groups.map((group) => GroupTuple.of_(group)));
  }),
  dictsort: filter('do_dictsort', [['case_sensitive', false], ['by', 'key'], ['reverse', false]], (state, value, caseSensitive, by, reverse) => {
    if (by !== 'key' && by !== 'value') throw new JinjaRuntimeError('You can only sort by either "key" or "value"', 'FilterArgumentError');
    if (!isDict(value)) throw new JinjaRuntimeError(`'${pythonTypeName(value)}' object has no attribute 'items'`, 'AttributeError');
    const position = by === 'key' ? 0 : 1;
    const entries = dictEntries(value).map((entry) => PyTuple.of_(entry));
    return state.owned(sortItems(state, entries, (entry) => (caseSensitive === true ? entry[position] : ignoreCase(entry[position])), isTruthy(reverse)));
  }),
  items: filter('do_items', [], (_state, value) => {
    if (value instanceof JinjaUndefined) return generator([], 'do_items');
    if (!isDict(value)) throw new JinjaRuntimeError('Can only get item pairs from a mapping.');
    return generator(dictEntries(value).map((entry) => PyTuple.of_(entry)), 'do_items');
  }),
  attr: filter('do_attr', ['name'], (state, value, name) => getPythonAttribute(state, value, typeof name === 'string' ? name : String(name))),
};

