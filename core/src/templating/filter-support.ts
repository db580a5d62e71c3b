import { PlyError } from '../errors/ply-error.js';
import { isPlainObject, ownData, readMember } from './plain-data.js';

/** A template filter: the piped value first, then the filter's arguments. */
export type TemplateFilter = (value: unknown, ...args: unknown[]) => unknown;

/** The error a filter raises for a bad input or argument. */
export function filterError(filter: string, problem: string): PlyError {
  return new PlyError('PLY_TEMPLATE_ERROR', `filter "${filter}": ${problem}`);
}

// nunjucks passes `name=value` arguments as a trailing object marked with an own `__keywords`.
function isKeywordArguments(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.hasOwn(value, '__keywords');
}

/**
 * Declares a filter with Jinja's signature: `params` names the arguments after the value, so a
 * template can pass them by position or by name (`sort(attribute="name")`).
 */
export function jinjaFilter(
  name: string,
  params: readonly string[],
  body: (value: unknown, ...args: unknown[]) => unknown,
): TemplateFilter {
  return (value, ...args) => {
    const keywords = isKeywordArguments(args.at(-1)) ? (args.pop() as Record<string, unknown>) : undefined;
    if (args.length > params.length) throw filterError(name, `takes at most ${params.length} argument(s), got ${args.length}`);
    if (keywords !== undefined) {
      for (const key of Object.keys(keywords)) {
        if (key !== '__keywords' && !params.includes(key)) throw filterError(name, `has no argument named "${key}"`);
      }
    }
    const bound = params.map((param, i) => (i < args.length ? args[i] : keywords === undefined ? undefined : ownData(keywords, param)));
    return body(value, ...bound);
  };
}

/**
 * Text for a value, as filters producing strings see it: '' for undefined and null, JSON for
 * lists and mappings.
 */
export function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value) ?? '';
  return String(value);
}

/** Reads a dotted attribute path (`user.name`, `items.0`) with the hardened member rules. */
export function attributeGetter(attribute: unknown): (item: unknown) => unknown {
  if (attribute === undefined || attribute === null) return (item) => item;
  const parts = typeof attribute === 'number' ? [attribute] : String(attribute).split('.');
  return (item) => parts.reduce<unknown>((target, part) => readMember(target, part), item);
}

/** The items a filter iterates: list items, string characters, or mapping keys. */
export function iterate(filter: string, value: unknown): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return [...value];
  if (typeof value === 'string') return Array.from(value);
  if (isPlainObject(value)) return Object.keys(value);
  throw filterError(filter, `cannot iterate over ${describeType(value)}`);
}

/** Jinja-like name of a value's type, for messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'none';
  if (Array.isArray(value)) return 'a list';
  if (isPlainObject(value)) return 'a mapping';
  return `a ${typeof value}`;
}

/**
 * Orders two values for sort/min/max: numbers numerically, strings lexically (case-folded
 * unless `caseSensitive`), mixed types by their type name so sorting never throws.
 */
export function compareValues(a: unknown, b: unknown, caseSensitive: boolean): number {
  let x = a;
  let y = b;
  if (!caseSensitive) {
    if (typeof x === 'string') x = x.toLowerCase();
    if (typeof y === 'string') y = y.toLowerCase();
  }
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === typeof y && (typeof x === 'string' || typeof x === 'boolean')) {
    return (x as string) < (y as string) ? -1 : (x as string) > (y as string) ? 1 : 0;
  }
  const tx = describeType(x);
  const ty = describeType(y);
  if (tx !== ty) return tx < ty ? -1 : 1;
  const sx = toText(x);
  const sy = toText(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}
