import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { DictView } from '../values/dict-view.js';
import { pyEquals } from '../values/equality.js';
import { isPlainObject, pythonTypeName } from '../values/kinds.js';
import { PyDict, UnhashableKeyError } from '../values/py-dict.js';
import { PyIterator } from '../values/py-iterator.js';
import { PyRange } from '../values/py-range.js';
import { JinjaUndefined } from '../values/undefined-value.js';
import { readOwn } from './own-data.js';
import { MISSING } from '../values/py-dict.js';
import type { RenderState } from './render-state.js';

/** Python's `item in container`. */
export function contains(state: RenderState, container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new JinjaRuntimeError(`'in <string>' requires string as left operand, not ${pythonTypeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) {
    state.charge(container.length);
    return container.some((element) => pyEquals(element, item));
  }
  if (container instanceof PyDict) {
    try {
      return container.has(item);
    } catch (error) {
      if (error instanceof UnhashableKeyError) throw new JinjaRuntimeError(error.message);
      throw error;
    }
  }
  if (isPlainObject(container)) return typeof item === 'string' && readOwn(container, item) !== MISSING;
  if (container instanceof PyRange) {
    if (typeof item !== 'number' || !Number.isInteger(item)) return false;
    const offset = item - container.start;
    const index = offset / container.step;
    return Number.isInteger(index) && index >= 0 && index < container.length;
  }
  if (container instanceof DictView) {
    state.charge(container.entries.length);
    return container.entries.some((entry) => pyEquals(entry, item));
  }
  if (container instanceof PyIterator) return container.drain().some((element) => pyEquals(element, item));
  if (container instanceof JinjaUndefined) return false;
  throw new JinjaRuntimeError(`argument of type '${pythonTypeName(container)}' is not iterable`);
}
