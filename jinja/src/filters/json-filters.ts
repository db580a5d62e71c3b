import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { requireInt } from '../methods/method-arguments.js';
import type { RenderState } from '../runtime/render-state.js';
import type { FilterFunction } from '../runtime/vocabulary.js';
import { parseJsonData } from '../values/json-data.js';
import { pyJsonDumps } from '../values/json-dumps.js';
import { filter, text } from './filter-support.js';

/** Jinja2's tojson: json.dumps with sorted keys, then <, >, & and ' escaped for HTML. */
export function toJson(state: RenderState, value: unknown, indent: unknown): string {
  const indentText = indent === null || indent === undefined ? undefined : typeof indent === 'string' ? indent : ' '.repeat(requireInt('indent', indent));
  const json = pyJsonDumps(value, { sortKeys: true, indent: indentText, guard: state });
  state.checkSize(json.length);
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027');
}

export const JSON_FILTERS: Record<string, FilterFunction> = {
  tojson: filter('do_tojson', [['indent', null]], (state, value, indent) => toJson(state, value, indent)),
  // Ply's own: parse JSON text (Python's json.loads typing: 1.0 stays a float).
  fromjson: filter('fromjson', [], (state, value) => {
    const source = text(state, value);
    state.charge(source.length / 64);
    try {
      return parseJsonData(source);
    } catch (error) {
      throw new JinjaRuntimeError(`input is not valid JSON: ${(error as Error).message}`, 'JSONDecodeError');
    }
  }),
};
