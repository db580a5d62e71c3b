import { JSONPath } from 'jsonpath-plus';
import { JinjaRuntimeError } from '../errors/jinja-error.js';
import type { RenderState } from '../runtime/render-state.js';
import type { FilterFunction } from '../runtime/vocabulary.js';
import { isNumeric, toNumber } from '../values/kinds.js';
import { makeFloat } from '../values/py-float.js';
import { toPlainJson } from '../values/json-data.js';
import { isUndefined } from '../values/undefined-value.js';
import { failUndefined } from '../values/undefined-use.js';
import { isTruthy } from '../values/truthiness.js';
import { filter, text } from './filter-support.js';
import { parsePythonFloat } from './number-filters.js';

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Seconds since the epoch as UTC ISO 8601 (`2024-01-31T12:15:33Z`, microseconds when present). */
function timestampToIso(state: RenderState, value: unknown): string {
  if (isUndefined(value)) failUndefined(value);
  const seconds = typeof value === 'string' ? parsePythonFloat(value) : isNumeric(value) ? toNumber(value) : undefined;
  if (seconds === undefined || !Number.isFinite(seconds)) throw new JinjaRuntimeError(`timestamp_to_iso8601 expects a number of seconds, got ${text(state, value)}`, 'ValueError');
  const micros = Math.round(seconds * 1_000_000);
  const date = new Date(Math.floor(micros / 1000));
  if (Number.isNaN(date.getTime())) throw new JinjaRuntimeError(`timestamp out of range: ${seconds}`, 'OverflowError');
  const fraction = ((micros % 1_000_000) + 1_000_000) % 1_000_000;
  const base = date.toISOString().slice(0, 19);
  return `${base}${fraction === 0 ? '' : `.${String(fraction).padStart(6, '0')}`}Z`;
}

/** ISO 8601 text as seconds since the epoch (an int when whole); a time without offset is UTC. */
function isoToTimestamp(state: RenderState, value: unknown): unknown {
  if (isUndefined(value)) failUndefined(value);
  const match = ISO_8601.exec(text(state, value).trim());
  if (match === null) throw new JinjaRuntimeError(`Invalid isoformat string: '${text(state, value)}'`, 'ValueError');
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset = 'Z'] = match;
  let millis = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (offset.toUpperCase() !== 'Z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    millis -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  const micros = Number(fraction.slice(0, 6).padEnd(6, '0'));
  if (micros === 0) return millis / 1000;
  // Python's timestamp(): the exact count of microseconds, divided once.
  return makeFloat((millis * 1000 + micros) / 1_000_000);
}

/**
 * Sekoia's jsonpath filter, with the semantics of its Read JSON File action: the single match,
 * or the list of matches when there are several or `return_list` is true; None for no match.
 * Filter expressions run in jsonpath-plus's safe evaluator, never as JavaScript.
 */
function jsonPath(state: RenderState, value: unknown, path: unknown, returnList: unknown): unknown {
  const json = toPlainJson(value) as object;
  const matches = JSONPath({ path: text(state, path), json, eval: 'safe', wrap: true }) as unknown[];
  state.charge(matches.length + 1);
  if (matches.length === 1 && !isTruthy(returnList)) return matches[0];
  if (matches.length > 1 || isTruthy(returnList)) return state.owned(matches);
  return null;
}

function base64Decode(state: RenderState, value: unknown): string {
  const body = text(state, value).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 === 1) throw new JinjaRuntimeError('Incorrect padding or invalid base64 input', 'binascii.Error');
  return Buffer.from(body, 'base64').toString('utf8');
}

export const SEKOIA_FILTERS: Record<string, FilterFunction> = {
  timestamp_to_iso8601: filter('timestamp_to_iso8601', [], (state, value) => timestampToIso(state, value)),
  iso8601_to_timestamp: filter('iso8601_to_timestamp', [], (state, value) => isoToTimestamp(state, value)),
  jsonpath: filter('jsonpath', ['path', ['return_list', false]], jsonPath),
  b64encode: filter('b64encode', [], (state, value) => Buffer.from(text(state, value), 'utf8').toString('base64')),
  b64decode: filter('b64decode', [], base64Decode),
};
