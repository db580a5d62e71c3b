/** The backoff settings of a retry policy. */
export interface BackoffPolicy {
  /** Delay ceiling of the first retry, in ms; doubles on each retry. */
  baseDelayMs: number;
  /** Upper bound of any single wait, in ms. */
  maxDelayMs: number;
}

/**
 * Exponential backoff with full jitter: a uniform random delay in
 * `[0, min(maxDelayMs, baseDelayMs * 2^retryIndex)]`.
 *
 * @param retryIndex - 0 for the first retry, 1 for the second, ...
 * @param random - source of uniform numbers in `[0, 1)` (injectable for tests).
 */
export function backoffDelay(retryIndex: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryIndex));
  if (!(ceiling > 0)) return 0;
  return Math.round(random() * ceiling);
}

const DELTA_SECONDS = /^\d+(?:\.\d+)?$/;
/** A weekday or month name and a `hh:mm:ss` time: the shape shared by all three HTTP-date forms. */
const HTTP_DATE_SHAPE = /^[A-Za-z]{3}.*\d{1,2}:\d{2}:\d{2}/;
const HAS_ZONE = /\b(?:GMT|UTC|UT|Z)\b|[+-]\d{4}\b/;

/**
 * Reads a `Retry-After` header value (RFC 9110 §10.2.3) as a delay in ms.
 * Accepts delta-seconds (`"120"`) and HTTP-dates (`"Wed, 21 Oct 2015 07:28:00 GMT"`, asctime
 * dates being read as GMT). A date in the past gives 0.
 *
 * @param now - current time in epoch ms, the reference for HTTP-dates.
 * @param maxDelayMs - cap applied to the result.
 * @returns the delay, or `undefined` when the header is absent or unreadable.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number = Date.now(),
  maxDelayMs: number = Number.POSITIVE_INFINITY,
): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;

  let delay: number;
  if (DELTA_SECONDS.test(value)) {
    delay = Math.ceil(Number(value) * 1000);
  } else if (HTTP_DATE_SHAPE.test(value)) {
    const at = Date.parse(HAS_ZONE.test(value) ? value : `${value} GMT`);
    if (Number.isNaN(at)) return undefined;
    delay = Math.max(0, at - now);
  } else {
    return undefined;
  }
  return Math.min(delay, Math.max(0, maxDelayMs));
}
