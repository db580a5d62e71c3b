import { bindArguments, type Param } from '../runtime/bind-arguments.js';
import type { CallArguments } from '../runtime/call-arguments.js';
import { getItem } from '../runtime/lookup.js';
import type { RenderState } from '../runtime/render-state.js';
import type { FilterFunction } from '../runtime/vocabulary.js';
import { pyStr } from '../values/python-repr.js';
import { isUndefined } from '../values/undefined-value.js';

/** Declares a filter with a Python signature (the piped value excluded). */
export function filter(name: string, params: readonly Param[], body: (state: RenderState, value: unknown, ...args: unknown[]) => unknown): FilterFunction {
  return (state, value, call: CallArguments) => body(state, value, ...bindArguments(name, params, call));
}

/** markupsafe's `soft_str`: the text of a value (Undefined is ''). */
export function text(state: RenderState, value: unknown): string {
  return typeof value === 'string' ? value : pyStr(value, state);
}

/** Jinja2's make_attrgetter: `'a.b.0'` read through the sandboxed item lookup. */
export function attributeGetter(state: RenderState, attribute: unknown, fallback?: unknown): (item: unknown) => unknown {
  if (attribute === null || attribute === undefined) return (item) => item;
  const parts = typeof attribute === 'string' ? attribute.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)) : [attribute];
  return (item) => {
    let value = item;
    for (const part of parts) {
      value = getItem(state, value, part);
      if (fallback !== undefined && fallback !== null && isUndefined(value)) value = fallback;
    }
    return value;
  };
}

/** Lower-cases strings, for the case-insensitive filters. */
export function ignoreCase(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value;
}
