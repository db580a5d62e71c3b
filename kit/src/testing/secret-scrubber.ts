import type { RecordedExchange } from './vendor-fixture.js';

/** What a scrubbed value is replaced with in fixtures. */
export const SCRUBBED = '[SCRUBBED]';

/** Header, query parameter and JSON field names whose values are secrets. */
const SECRET_NAME = /passw|secret|token|api[-_]?key|apikey|^auth$|authori[sz]ation|credential|private[-_]?key|session[-_]?id|cookie|signature/i;
/** Headers that describe one connection, not the exchange: never stored. */
const CONNECTION_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'content-encoding', 'accept-encoding', 'date']);

export interface ScrubOptions {
  /** Exact secret values (API keys, passwords...) to replace wherever they appear. */
  secrets?: string[];
}

function replaceValues(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue; // a 1-3 character "secret" would scrub half the fixture
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(SCRUBBED);
  }
  return out;
}

function scrubValue(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string') return replaceValues(value, secrets);
  if (Array.isArray(value)) return value.map((entry) => scrubValue(entry, secrets));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) out[key] = SECRET_NAME.test(key) && entry !== null && typeof entry !== 'object' ? SCRUBBED : scrubValue(entry, secrets);
  return out;
}

export function scrubHeaders(headers: Headers | Record<string, string>, secrets: string[]): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    if (CONNECTION_HEADERS.has(key)) continue;
    out[key] = SECRET_NAME.test(key) ? SCRUBBED : replaceValues(value, secrets);
  }
  return out;
}

/** A path with query: secret-looking parameters and given secret values replaced. */
export function scrubPath(pathAndQuery: string, secrets: string[]): string {
  const url = new URL(pathAndQuery, 'http://fixture.invalid');
  for (const name of [...new Set(url.searchParams.keys())]) {
    if (SECRET_NAME.test(name)) url.searchParams.set(name, SCRUBBED);
  }
  return replaceValues(`${url.pathname}${url.search}`, secrets);
}

/**
 * An exchange with its secrets removed: Authorization-like headers, secret-looking query
 * parameters and JSON fields, and every occurrence of the given secret values.
 */
export function scrubExchange(exchange: RecordedExchange, options: ScrubOptions = {}): RecordedExchange {
  const secrets = options.secrets ?? [];
  const { request, response } = exchange;
  return {
    request: {
      method: request.method,
      path: scrubPath(request.path, secrets),
      headers: scrubHeaders(request.headers, secrets),
      ...(request.body === undefined ? {} : { body: scrubValue(request.body, secrets) }),
    },
    response: {
      status: response.status,
      headers: scrubHeaders(response.headers, secrets),
      ...(response.body === undefined ? {} : { body: scrubValue(response.body, secrets) }),
    },
  };
}

/** The request part only, scrubbed the same way (the replay server matches on it). */
export function scrubRequest(request: RecordedExchange['request'], options: ScrubOptions = {}): RecordedExchange['request'] {
  return scrubExchange({ request, response: { status: 0, headers: {} } }, options).request;
}
