import { JinjaForbiddenError, JinjaRuntimeError } from '../errors/jinja-error.js';
import { bindArguments } from '../runtime/bind-arguments.js';
import type { CallArguments } from '../runtime/call-arguments.js';
import { iterateValue } from '../runtime/iteration.js';
import type { RenderState } from '../runtime/render-state.js';
import { sortItems } from '../runtime/sorting.js';
import { pyEquals } from '../values/equality.js';
import { pyRepr } from '../values/python-repr.js';
import type { MethodFunction } from './method-lookup.js';
import { requireInt } from './method-arguments.js';

type ListMethod = (state: RenderState, self: unknown[], call: CallArguments) => unknown;

/** Lists from the data never change: only lists the template made (literals, `list`, `split`...). */
function changeable(state: RenderState, self: unknown[], method: string): unknown[] {
  if (!state.isOwned(self)) {
    throw new JinjaForbiddenError(`list.${method}() cannot change this list: only lists made by the template can be changed, not the data`);
  }
  return self;
}

function position(self: readonly unknown[], value: unknown, call: CallArguments, name: string): number {
  const [, start, end] = bindArguments(name, ['value', ['start', 0], ['stop', self.length]], call);
  const from = requireInt('start', start);
  const to = requireInt('stop', end);
  for (let i = Math.max(0, from < 0 ? from + self.length : from); i < Math.min(self.length, to < 0 ? to + self.length : to); i += 1) {
    if (pyEquals(self[i], value)) return i;
  }
  return -1;
}

const READING: Record<string, ListMethod> = {
  index: (state, self, call) => {
    state.charge(self.length);
    const found = position(self, call.positional[0], call, 'index');
    if (found === -1) throw new JinjaRuntimeError(`${pyRepr(call.positional[0])} is not in list`, 'ValueError');
    return found;
  },
  count: (state, self, call) => {
    const [value] = bindArguments('count', ['value'], call);
    state.charge(self.length);
    return self.filter((item) => pyEquals(item, value)).length;
  },
};

const CHANGING: Record<string, ListMethod> = {
  copy: (state, self, call) => {
    bindArguments('copy', [], call);
    state.charge(self.length);
    return state.owned([...self]);
  },
  append: (state, self, call) => {
    const [value] = bindArguments('append', ['object'], call);
    state.checkSize(self.length + 1);
    changeable(state, self, 'append').push(value);
    return null;
  },
  extend: (state, self, call) => {
    const [iterable] = bindArguments('extend', ['iterable'], call);
    const items = iterateValue(state, iterable);
    state.checkSize(self.length + items.length);
    changeable(state, self, 'extend').push(...items);
    return null;
  },
  insert: (state, self, call) => {
    const [index, value] = bindArguments('insert', ['index', 'object'], call);
    const at = requireInt('index', index);
    state.checkSize(self.length + 1);
    changeable(state, self, 'insert').splice(at < 0 ? Math.max(0, self.length + at) : Math.min(at, self.length), 0, value);
    return null;
  },
  pop: (state, self, call) => {
    const [index] = bindArguments('pop', [['index', -1]], call);
    changeable(state, self, 'pop');
    if (self.length === 0) throw new JinjaRuntimeError('pop from empty list', 'IndexError');
    const at = requireInt('index', index);
    const position = at < 0 ? self.length + at : at;
    if (position < 0 || position >= self.length) throw new JinjaRuntimeError('pop index out of range', 'IndexError');
    return self.splice(position, 1)[0];
  },
  remove: (state, self, call) => {
    const [value] = bindArguments('remove', ['value'], call);
    changeable(state, self, 'remove');
    const at = self.findIndex((item) => pyEquals(item, value));
    if (at === -1) throw new JinjaRuntimeError('list.remove(x): x not in list', 'ValueError');
    self.splice(at, 1);
    return null;
  },
  clear: (state, self, call) => {
    bindArguments('clear', [], call);
    changeable(state, self, 'clear').length = 0;
    return null;
  },
  reverse: (state, self, call) => {
    bindArguments('reverse', [], call);
    changeable(state, self, 'reverse').reverse();
    return null;
  },
  sort: (state, self, call) => {
    const [, reverse] = bindArguments('sort', [['key', null], ['reverse', false]], call);
    const sorted = sortItems(state, changeable(state, self, 'sort'), (item) => item, reverse === true);
    self.splice(0, self.length, ...sorted);
    return null;
  },
};

export const LIST_METHODS: Readonly<Record<string, MethodFunction>> = { ...READING, ...CHANGING } as unknown as Record<string, MethodFunction>;
export const TUPLE_METHODS: Readonly<Record<string, MethodFunction>> = READING as unknown as Record<string, MethodFunction>;
