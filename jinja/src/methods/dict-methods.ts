import { JinjaForbiddenError, JinjaRuntimeError } from '../errors/jinja-error.js';
import { bindArguments } from '../runtime/bind-arguments.js';
import type { CallArguments } from '../runtime/call-arguments.js';
import { iterateValue } from '../runtime/iteration.js';
import { readOwn } from '../runtime/own-data.js';
import type { RenderState } from '../runtime/render-state.js';
import { DictView } from '../values/dict-view.js';
import { isDict, isPlainObject } from '../values/kinds.js';
import { MISSING, PyDict } from '../values/py-dict.js';
import { PyTuple } from '../values/py-tuple.js';
import { pyRepr } from '../values/python-repr.js';
import type { MethodFunction } from './method-lookup.js';

type Dict = PyDict | Record<string, unknown>;
type DictMethod = (state: RenderState, self: Dict, call: CallArguments) => unknown;

/** The value of `key` in a dict, or MISSING. */
export function dictGet(dict: Dict, key: unknown): unknown {
  if (dict instanceof PyDict) return dict.get(key);
  return typeof key === 'string' ? readOwn(dict, key) : MISSING;
}

/** The keys of a dict, in order. */
export function dictKeys(dict: Dict): unknown[] {
  return dict instanceof PyDict ? dict.keys() : Object.keys(dict);
}

/** The (key, value) pairs of a dict, in order. */
export function dictEntries(dict: Dict): [unknown, unknown][] {
  if (dict instanceof PyDict) return dict.entries();
  return Object.keys(dict).map((key) => [key, dict[key]]);
}

function changeable(self: Dict, method: string): PyDict {
  if (isPlainObject(self)) throw new JinjaForbiddenError(`dict.${method}() cannot change this dict: only dicts made by the template can be changed, not the data`);
  return self;
}

const METHODS: Record<string, DictMethod> = {
  items: (state, self, call) => {
    bindArguments('items', [], call);
    const entries = dictEntries(self);
    state.charge(entries.length);
    return new DictView('items', entries.map((entry) => PyTuple.of_(entry)));
  },
  keys: (state, self, call) => {
    bindArguments('keys', [], call);
    const keys = dictKeys(self);
    state.charge(keys.length);
    return new DictView('keys', keys);
  },
  values: (state, self, call) => {
    bindArguments('values', [], call);
    const entries = dictEntries(self);
    state.charge(entries.length);
    return new DictView('values', entries.map((entry) => entry[1]));
  },
  get: (_state, self, call) => {
    const [key, fallback] = bindArguments('get', ['key', ['default', null]], call);
    const value = dictGet(self, key);
    return value === MISSING ? fallback : value;
  },
  copy: (state, self, call) => {
    bindArguments('copy', [], call);
    const copy = new PyDict();
    for (const [key, value] of dictEntries(self)) copy.set(key, value);
    state.charge(copy.size);
    return copy;
  },
  update: (state, self, call) => {
    const [other, keywords] = bindArguments('update', [['other', null], '**kwargs'], call);
    const target = changeable(self, 'update');
    if (other !== null) {
      if (isDict(other)) for (const [key, value] of dictEntries(other)) target.set(key, value);
      else for (const pair of iterateValue(state, other)) {
        if (!Array.isArray(pair) || pair.length !== 2) throw new JinjaRuntimeError('dictionary update sequence element has wrong length', 'ValueError');
        target.set(pair[0], pair[1]);
      }
    }
    for (const [key, value] of keywords as Map<string, unknown>) target.set(key, value);
    state.checkSize(target.size);
    return null;
  },
  pop: (_state, self, call) => {
    const [key, fallback] = bindArguments('pop', ['key', ['default', MISSING]], call);
    const target = changeable(self, 'pop');
    const value = target.get(key);
    if (value === MISSING) {
      if (fallback === MISSING) throw new JinjaRuntimeError(pyRepr(key), 'KeyError');
      return fallback;
    }
    target.delete(key);
    return value;
  },
  setdefault: (_state, self, call) => {
    const [key, fallback] = bindArguments('setdefault', ['key', ['default', null]], call);
    const target = changeable(self, 'setdefault');
    const value = target.get(key);
    if (value !== MISSING) return value;
    target.set(key, fallback);
    return fallback;
  },
  clear: (_state, self, call) => {
    bindArguments('clear', [], call);
    changeable(self, 'clear').clear();
    return null;
  },
  popitem: (_state, self, call) => {
    bindArguments('popitem', [], call);
    const target = changeable(self, 'popitem');
    const last = target.entries().at(-1);
    if (last === undefined) throw new JinjaRuntimeError("'popitem(): dictionary is empty'", 'KeyError');
    target.delete(last[0]);
    return PyTuple.of_(last);
  },
};

export const DICT_METHODS: Readonly<Record<string, MethodFunction>> = METHODS as unknown as Record<string, MethodFunction>;
