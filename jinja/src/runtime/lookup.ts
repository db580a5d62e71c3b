import { JinjaForbiddenError, JinjaRuntimeError } from '../errors/jinja-error.js';
import { DICT_METHODS } from '../methods/dict-methods.js';
import { methodFor } from '../methods/method-lookup.js';
import { codePoints, hasSurrogates } from '../values/code-points.js';
import { isPlainObject, pythonTypeName } from '../values/kinds.js';
import { MISSING, PyDict, UnhashableKeyError } from '../values/py-dict.js';
import { PyObject } from '../values/py-object.js';
import { PyRange } from '../values/py-range.js';
import { PySlice } from '../values/py-slice.js';
import { GroupTuple, PyTuple } from '../values/py-tuple.js';
import { stringRepr, pyRepr } from '../values/python-repr.js';
import { JinjaUndefined } from '../values/undefined-value.js';
import { failUndefined } from '../values/undefined-use.js';
import { isForbiddenName } from './forbidden-names.js';
import { readOwn } from './own-data.js';
import type { RenderState } from './render-state.js';
import { simpleSlice, slicePositions } from './slicing.js';

const DICT_METHOD_NAMES = new Set(Object.keys(DICT_METHODS));

function forbid(name: string): never {
  throw new JinjaForbiddenError(`access to ${JSON.stringify(name)} is forbidden`);
}

function typeLabel(target: unknown): string {
  return target === null ? "'None'" : `'${pythonTypeName(target)} object'`;
}

function missingAttribute(target: unknown, name: string): JinjaUndefined {
  return new JinjaUndefined(`${typeLabel(target)} has no attribute ${stringRepr(name)}`);
}

/**
 * `target.name` in the sandbox: a Python attribute (an allowed method, an attribute of an
 * engine object) first, then the item `target[name]`, as Jinja2's `getattr` does.
 */
export function getAttribute(state: RenderState, target: unknown, name: string): unknown {
  state.tick();
  if (isForbiddenName(name)) forbid(name);
  if (target instanceof JinjaUndefined) failUndefined(target);
  if (target instanceof PyObject) {
    const value = target.attribute(name);
    return value === undefined ? missingAttribute(target, name) : value;
  }
  if (isPlainObject(target) && !DICT_METHOD_NAMES.has(name)) {
    const value = readOwn(target, name);
    return value === MISSING ? missingAttribute(target, name) : value;
  }
  if (target instanceof GroupTuple && (name === 'grouper' || name === 'list')) return name === 'grouper' ? target[0] : target[1];
  const method = methodFor(target, name);
  if (method !== undefined) return method;
  const item = itemOf(state, target, name);
  return item === MISSING ? missingAttribute(target, name) : item;
}

/**
 * {@link getAttribute} for a name known when the template is compiled (`x.name`), the usual
 * case: the name's checks are made once, and a plain data object (most targets) is read at once.
 */
export function attributeReader(name: string): (state: RenderState, target: unknown) => unknown {
  if (isForbiddenName(name)) forbid(name);
  if (DICT_METHOD_NAMES.has(name)) return (state, target) => getAttribute(state, target, name);
  return (state, target) => {
    if (!isPlainObject(target)) return getAttribute(state, target, name);
    state.tick();
    const value = readOwn(target, name);
    return value === MISSING ? missingAttribute(target, name) : value;
  };
}

/**
 * {@link getItem} for a key known when the template is compiled (`x["key"]`, Sekoia's `node.1`):
 * a plain data object holding the key is read at once; anything else takes the general path.
 */
export function itemReader(key: unknown): (state: RenderState, target: unknown) => unknown {
  if (typeof key === 'string' && isForbiddenName(key)) forbid(key);
  // Sekoia's node.1: data keys are strings, so an int subscript reads the key it spells.
  const dataKey = typeof key === 'string' ? key : typeof key === 'number' && Number.isSafeInteger(key) ? String(key) : undefined;
  if (dataKey === undefined) return (state, target) => getItem(state, target, key);
  return (state, target) => {
    if (!isPlainObject(target)) return getItem(state, target, key);
    const value = readOwn(target, dataKey);
    // A miss takes the general path, which counts the step itself.
    if (value === MISSING) return getItem(state, target, key);
    state.tick();
    return value;
  };
}

/** `obj|attr(name)`: a Python attribute only (an allowed method, an engine object's attribute), never an item. */
export function getPythonAttribute(state: RenderState, target: unknown, name: string): unknown {
  state.tick();
  if (isForbiddenName(name)) forbid(name);
  if (target instanceof PyObject) return target.attribute(name) ?? missingAttribute(target, name);
  if (target instanceof GroupTuple && (name === 'grouper' || name === 'list')) return name === 'grouper' ? target[0] : target[1];
  return methodFor(target, name) ?? missingAttribute(target, name);
}

/** `target[key]` in the sandbox: the item first, then (for a string key) the attribute. */
export function getItem(state: RenderState, target: unknown, key: unknown): unknown {
  state.tick();
  if (typeof key === 'string' && isForbiddenName(key)) forbid(key);
  if (target instanceof JinjaUndefined) failUndefined(target);
  if (key instanceof JinjaUndefined) failUndefined(key);
  if (key instanceof PySlice) return sliceOf(state, target, key);
  const item = itemOf(state, target, key);
  if (item !== MISSING) return item;
  if (typeof key === 'string') {
    if (target instanceof GroupTuple && (key === 'grouper' || key === 'list')) return key === 'grouper' ? target[0] : target[1];
    if (target instanceof PyObject) {
      const value = target.attribute(key);
      if (value !== undefined) return value;
    } else {
      const method = methodFor(target, key);
      if (method !== undefined) return method;
    }
  }
  if (typeof key === 'string') return missingAttribute(target, key);
  return new JinjaUndefined(`${typeLabel(target)} has no element ${pyRepr(key)}`);
}

function indexOf(key: unknown): number | undefined {
  if (typeof key === 'number') return Number.isSafeInteger(key) ? key : undefined;
  if (typeof key === 'boolean') return key ? 1 : 0;
  if (typeof key === 'bigint') return Number.MAX_SAFE_INTEGER;
  return undefined;
}

function itemOf(state: RenderState, target: unknown, key: unknown): unknown {
  if (Array.isArray(target)) {
    const index = indexOf(key);
    if (index === undefined) return MISSING;
    const position = index < 0 ? target.length + index : index;
    return position >= 0 && position < target.length ? (target[position] as unknown) : MISSING;
  }
  if (typeof target === 'string') {
    const index = indexOf(key);
    if (index === undefined) return MISSING;
    const chars = hasSurrogates(target) ? codePoints(target) : target;
    const position = index < 0 ? chars.length + index : index;
    if (position < 0 || position >= chars.length) return MISSING;
    const char = chars[position] as string;
    state.taint?.propagate(char, [target]);
    return char;
  }
  if (target instanceof PyDict) {
    try {
      const value = target.get(key);
      return value === MISSING ? MISSING : value;
    } catch (error) {
      if (error instanceof UnhashableKeyError) throw new JinjaRuntimeError(error.message);
      throw error;
    }
  }
  if (isPlainObject(target)) {
    if (typeof key === 'string') return readOwn(target, key);
    // Sekoia's node.1: data keys are strings, so an int subscript reads the key it spells.
    if (typeof key === 'number' && Number.isSafeInteger(key)) return readOwn(target, String(key));
    return MISSING;
  }
  if (target instanceof PyRange) {
    const index = indexOf(key);
    if (index === undefined) return MISSING;
    const position = index < 0 ? target.length + index : index;
    return position >= 0 && position < target.length ? target.at(position) : MISSING;
  }
  return MISSING;
}

function sliceOf(state: RenderState, target: unknown, key: PySlice): unknown {
  if (typeof target === 'string') {
    const chars = hasSurrogates(target) ? codePoints(target) : undefined;
    const length = chars === undefined ? target.length : chars.length;
    const simple = simpleSlice(length, key.start, key.stop, key.step);
    let result: string;
    if (simple !== undefined) result = chars === undefined ? target.slice(simple[0], simple[1]) : chars.slice(simple[0], simple[1]).join('');
    else {
      const positions = slicePositions(length, key.start, key.stop, key.step);
      state.charge(positions.length);
      const source = chars ?? target;
      result = positions.map((i) => source[i]).join('');
    }
    state.taint?.propagate(result, [target]);
    return result;
  }
  if (Array.isArray(target)) {
    const simple = simpleSlice(target.length, key.start, key.stop, key.step);
    const items = simple !== undefined ? target.slice(simple[0], simple[1]) : slicePositions(target.length, key.start, key.stop, key.step).map((i) => target[i]);
    state.charge(items.length);
    return target instanceof PyTuple ? PyTuple.of_(items) : state.owned(items);
  }
  if (target instanceof PyRange) {
    const positions = slicePositions(target.length, key.start, key.stop, key.step);
    if (positions.length === 0) return new PyRange(0, 0, 1);
    const first = target.at(positions[0] as number);
    const step = positions.length > 1 ? target.at(positions[1] as number) - first : target.step;
    return new PyRange(first, first + step * positions.length, step);
  }
  return new JinjaUndefined(`${typeLabel(target)} has no element ${pyRepr(key)}`);
}
