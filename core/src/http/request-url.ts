import type { QueryValue } from '../contracts/http.js';
import { PlyError } from '../errors/ply-error.js';

/**
 * Parses `url` and appends `query` to any query it already has. Array values repeat the key;
 * `undefined` and `null` values (and array items) are dropped. Only http and https are accepted.
 * A URL object with nothing to append is used as it is (nothing changes it afterwards): copying
 * means serialising and parsing it again, a measurable part of a declared REST call.
 *
 * @throws PlyError `PLY_INVALID_INPUT` when the URL is not an absolute http(s) URL.
 */
export function buildRequestUrl(url: string | URL, query?: Record<string, QueryValue>): URL {
  const adding = queryPairs(query);
  let target: URL;
  if (url instanceof URL && adding.length === 0) target = url;
  else {
    try {
      target = new URL(url);
    } catch (error) {
      // The raw text may carry credentials in its query: show the part before it only.
      throw new PlyError('PLY_INVALID_INPUT', `Invalid URL: ${String(url).split(/[?#]/, 1)[0] ?? ''}`, { cause: error });
    }
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new PlyError('PLY_INVALID_INPUT', `Unsupported URL protocol ${target.protocol} (http and https only)`);
  }
  setQuery(target, adding);
  return target;
}

/** Appends `query` to `target`'s own query, in place (see {@link buildRequestUrl} for the rules). */
export function appendQuery(target: URL, query: Record<string, QueryValue> | undefined): URL {
  setQuery(target, queryPairs(query));
  return target;
}

/** `query` as a query string without its `?` (encoded as URLSearchParams does; empty when it adds nothing). */
export function queryString(query: Record<string, QueryValue> | undefined): string {
  const pairs = queryPairs(query);
  return pairs.length === 0 ? '' : new URLSearchParams(pairs).toString();
}

/** The pairs a query adds, in order. */
function queryPairs(query: Record<string, QueryValue> | undefined): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (query === undefined) return pairs;
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) pairs.push([key, String(value)]);
    else for (const item of value as ReadonlyArray<unknown>) if (item !== undefined && item !== null) pairs.push([key, String(item)]);
  }
  return pairs;
}

/**
 * Appends the pairs with one update of the URL: each `searchParams.append` serialises the whole
 * URL again. The result is the same (the existing query is re-encoded as URLSearchParams does).
 */
function setQuery(target: URL, pairs: Array<[string, string]>): void {
  if (pairs.length === 0) return;
  const params = new URLSearchParams(target.search);
  for (const [key, value] of pairs) params.append(key, value);
  target.search = params.toString();
}

/**
 * The URL as it may appear in messages and logs: no query string, no fragment and no
 * user-info, since all three can hold secrets.
 */
export function redactUrl(url: string | URL): string {
  // An http(s) URL's origin carries no user-info: origin and path are the href without the rest.
  if (url instanceof URL && (url.protocol === 'http:' || url.protocol === 'https:')) return `${url.origin}${url.pathname}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return String(url).split(/[?#]/, 1)[0] ?? '';
  }
  parsed.search = '';
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}
