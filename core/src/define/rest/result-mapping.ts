import type { ResultMapping } from '../../contracts/rest.js';
import { isRecord } from './body-reader.js';

/** Applies a declaration's mapping to a body: `pick`, then `rename`, then `wrap`. */
export function mapResult(body: unknown, mapping: ResultMapping): unknown {
  let value = body;
  if (mapping.pick && isRecord(value)) {
    const source = value;
    value = Object.fromEntries(mapping.pick.filter((key) => Object.hasOwn(source, key)).map((key) => [key, source[key]]));
  }
  if (mapping.rename && isRecord(value)) {
    const renames = mapping.rename;
    value = Object.fromEntries(Object.entries(value).map(([key, item]) => [Object.hasOwn(renames, key) ? renames[key]! : key, item]));
  }
  return mapping.wrap ? { [mapping.wrap]: value } : value;
}
