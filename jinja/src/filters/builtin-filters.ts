import type { FilterFunction } from '../runtime/vocabulary.js';
import { JSON_FILTERS } from './json-filters.js';
import { NUMBER_FILTERS } from './number-filters.js';
import { SEKOIA_FILTERS } from './sekoia-filters.js';
import { SEQUENCE_FILTERS } from './sequence-filters.js';
import { TEXT_FILTERS } from './text-filters.js';
import { filter, text } from './filter-support.js';
import { toJson } from './json-filters.js';
import { pyRepr } from '../values/python-repr.js';

/**
 * Every filter templates can use: Jinja2 3.1's built-ins, Sekoia's (`timestamp_to_iso8601`,
 * `iso8601_to_timestamp`, `jsonpath`) and Ply's own (`fromjson`, `b64encode`, `b64decode`,
 * `dump`).
 */
export function builtinFilters(): Map<string, FilterFunction> {
  return new Map<string, FilterFunction>(
    Object.entries({
      ...TEXT_FILTERS,
      ...SEQUENCE_FILTERS,
      ...NUMBER_FILTERS,
      ...JSON_FILTERS,
      ...SEKOIA_FILTERS,
      dump: filter('dump', [['indent', null]], (state, value, indent) => toJson(state, value, indent)),
      pprint: filter('do_pprint', [], (state, value) => pyRepr(value, state)),
      urlize: filter('do_urlize', [['trim_url_limit', null], ['nofollow', false], ['target', null], ['rel', null], ['extra_schemes', null]], (state, value) => text(state, value)),
      wordwrap: filter('do_wordwrap', [['width', 79], ['break_long_words', true], ['wrapstring', null], ['break_on_hyphens', true]], (state, value) => text(state, value)),
    }),
  );
}
