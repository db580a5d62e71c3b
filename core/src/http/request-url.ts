import type { QueryValue, UrlParts } from '../contracts/http.js';
import { PlyError } from '../errors/ply-error.js';

/**
 * Parses `url` and appends `query` to any query it already has. Array values repeat the key;
 * `undefined` and `null` values (and array items) are dropped. Only http and https are accepted.
 * A URL (or {@link KnownUrl}) with nothing to append is used as it is (nothing changes it
 * afterwards): copying means serialising and parsing it again, a measurable part of a declared
 * REST call.
 *
 * @throws PlyError `PLY_INVALID_INPUT` when the URL is not an absolute http(s) URL.
 */
export function buildRequestUrl(url: string | UrlParts, query?: Record<string, QueryValue>): UrlParts {
  const adding = queryPairs(query);
  if (typeof url !== 'string' && adding.length === 0) return checkedProtocol(url);
  let target: URL;
  try {
    target = new URL(typeof url === 'string' ? url : url.href);
  } catch (error) {
    // The raw text may carry credentials in its query: show the part before it only.
    throw new PlyError('PLY_INVALID_INPUT', `Invalid URL: ${String(url).split(/[?#]/, 1)[0] ?? ''}`, { cause: error });
  }
  setQuery(checkedProtocol(target), adding);
  return target;
}

function checkedProtocol<U extends UrlParts>(target: U): U {
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new PlyError('PLY_INVALID_INPUT', `Unsupported URL protocol ${target.protocol} (http and https only)`);
  }
  return target;
}

/**
 * A URL made of a parsed base (its href ending with "/", no query or fragment) and a path and
 * query that the URL parser leaves as they are (see {@link isKnownPath}): its parts are known
 * without parsing anything (`new URL` cost a declared REST call 3-4% of its time, the loopback
 * round trip included). Read-only: a request that changes its URL makes a `URL` of it.
 */
export class KnownUrl implements UrlParts {
  readonly href: string;
  readonly pathname: string;
  readonly search: string;
  readonly origin: string;
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly username: string;
  readonly password: string;

  constructor(base: UrlParts, path: string, query: string) {
    ({ origin: this.origin, protocol: this.protocol, host: this.host, hostname: this.hostname, port: this.port, username: this.username, password: this.password } = base);
    this.search = query === '' ? '' : `?${query}`;
    this.href = `${base.href}${path}${this.search}`;
    this.pathname = `${base.pathname}${path}`;
  }

  toString(): string {
    return this.href;
  }
}

/** Characters a URL path keeps as they are (RFC 3986's unreserved, sub-delims, ":", "@", "/" and "%"). */
const KEPT_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
/** A "." or ".." segment, percent-encoded or not: the parser resolves it. */
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/** Whether the URL parser keeps `path`, appended to a base's href, exactly as it is: no character it encodes, no dot segment it resolves. */
export function isKnownPath(path: string): boolean {
  return KEPT_PATH.test(path) && !DOT_SEGMENT.test(path);
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
export function redactUrl(url: string | UrlParts): string {
  // An http(s) URL's origin carries no user-info: origin and path are the href without the rest.
  if (typeof url !== 'string' && (url.protocol === 'http:' || url.protocol === 'https:')) return `${url.origin}${url.pathname}`;
  let parsed: URL;
  try {
    parsed = new URL(typeof url === 'string' ? url : url.href);
  } catch {
    return String(url).split(/[?#]/, 1)[0] ?? '';
  }
  parsed.search = '';
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}
