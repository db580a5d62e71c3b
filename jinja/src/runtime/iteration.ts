import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { codePoints } from '../values/code-points.js';
import { DictView } from '../values/dict-view.js';
import { isPlainObject, pythonTypeName } from '../values/kinds.js';
import { PyDict } from '../values/py-dict.js';
import { PyIterator } from '../values/py-iterator.js';
import { PyRange } from '../values/py-range.js';
import { JinjaUndefined } from '../values/undefined-value.js';
import type { RenderState } from './render-state.js';

/**
 * The items `for x in value` visits, as Python iterates: list and tuple items, string
 * characters, dict keys, range numbers; Undefined iterates as empty. One step per item.
 *
 * @throws JinjaRuntimeError "'int' object is not iterable" for the rest.
 */
export function iterateValue(state: RenderState, value: unknown): readonly unknown[] {
  let items: readonly unknown[];
  if (Array.isArray(value)) items = value;
  else if (typeof value === 'string') {
    items = codePoints(value);
    if (state.taint?.isMarked(value) === true) for (const item of items) state.taint.mark(item);
  } else if (value instanceof PyDict) items = value.keys();
  else if (isPlainObject(value)) items = Object.keys(value);
  else if (value instanceof PyRange) {
    state.checkSize(value.length);
    items = value.toArray();
  } else if (value instanceof DictView) items = value.entries;
  else if (value instanceof PyIterator) items = value.drain();
  else if (value instanceof JinjaUndefined) items = [];
  else throw new JinjaRuntimeError(`'${pythonTypeName(value)}' object is not iterable`);
  state.charge(items.length);
  return items;
}
