import type { RenderState } from './render-state.js';
import { pyCompare } from '../values/ordering.js';

/**
 * A stable sort with Python's ordering (TypeError for mixed types), costing about n log n steps.
 * `key` maps an item to what is compared.
 */
export function sortItems<T>(state: RenderState, items: readonly T[], key: (item: T) => unknown, reverse: boolean): T[] {
  const n = items.length;
  state.charge(n * Math.max(1, Math.ceil(Math.log2(n + 1))));
  const keyed = items.map((item, index) => ({ item, key: key(item), index }));
  keyed.sort((a, b) => {
    const order = pyCompare(a.key, b.key);
    const value = Number.isNaN(order) ? 0 : order;
    if (value !== 0) return reverse ? -value : value;
    return a.index - b.index;
  });
  return keyed.map((entry) => entry.item);
}
