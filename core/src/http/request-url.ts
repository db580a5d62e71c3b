import type { QueryValue } from '../contracts/http.js';
import { PlyError } from '../errors/ply-error.js';

/**
 * Parses `url` and appends `query` to any query it already has. Array values repeat the key;
 * `undefined` and `null` values (and array items) are dropped. Only http and https are accepted.
 *
 * @throws PlyError `PLY_INVALID_INPUT` when the URL is not an absolute http(s) URL.
 */
export function buildRequestUrl(url: string | URL, query?: Record<string, QueryValue>): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch (error) {
    // The raw text may carry credentials in its query: show the part before it only.
    throw new PlyError('PLY_INVALID_INPUT', `Invalid URL: ${String(url).split(/[?#]/, 1)[0] ?? ''}`, { cause: error });
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new PlyError('PLY_INVALID_INPUT', `Unsupported URL protocol ${target.protocol} (http and https only)`);
  }
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    const items: ReadonlyArray<unknown> = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (item === undefined || item === null) continue;
      target.searchParams.append(key, String(item));
    }
  }
  return target;
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
