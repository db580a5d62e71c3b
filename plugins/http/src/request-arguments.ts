import { PlyError, type QueryValue } from '@ply/core';

/** A string that is exactly one JSON object, as the reference module accepts `params` (`{"a": 1}`). */
const DICT = /^\s*\{[^{}]*\}\s*$/;

/**
 * `params` as query values: an object, a dictionary written as JSON text, or a query string
 * (`a=1&b=2`, appended as it is). Nested values are sent as JSON text.
 */
export function queryOf(params: Record<string, unknown> | string | undefined): { query?: Record<string, QueryValue>; raw?: string } {
  if (params === undefined) return {};
  let value: unknown = params;
  if (typeof params === 'string' && DICT.test(params)) {
    try {
      value = JSON.parse(params);
    } catch {
      value = params;
    }
  }
  if (typeof value === 'string') return { raw: value.replace(/^\?/, '') };
  const query: Record<string, QueryValue> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === null || item === undefined) continue;
    if (Array.isArray(item)) query[key] = item.map((entry) => (typeof entry === 'object' ? JSON.stringify(entry) : String(entry)));
    else query[key] = typeof item === 'object' ? JSON.stringify(item) : (item as string | number | boolean);
  }
  return { query };
}

/** The URL with a raw query string appended (`?` or `&` as needed). */
export function withRawQuery(url: string, raw: string | undefined): string {
  if (!raw) return url;
  const target = new URL(url);
  target.search = target.search ? `${target.search}&${raw}` : `?${raw}`;
  return target.href;
}

/** Header values as strings (a playbook may give numbers or booleans). */
export function headersOf(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined && value !== null) out[name] = typeof value === 'string' ? value : JSON.stringify(value);
  return out;
}

/** The URL, refused unless http or https (the only schemes this module speaks). */
export function httpUrl(url: string): string {
  const protocol = new URL(url).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') throw new PlyError('PLY_INVALID_INPUT', `url must be http or https, not ${protocol.slice(0, -1)}`);
  return url;
}
