/**
 * A STIX timestamp (§3.2, "timestamp"): RFC 3339 in UTC with the `Z` suffix, here always with
 * millisecond precision (`2024-05-01T10:00:00.000Z`). Accepts a Date, epoch seconds or
 * milliseconds (numbers below 10^11 are read as seconds), or any string `Date` parses.
 */
export function stixTimestamp(value: Date | number | string = new Date()): string {
  const date = value instanceof Date ? value : typeof value === 'number' ? new Date(value < 1e11 ? value * 1000 : value) : parseTimestamp(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`"${String(value)}" is not a date`);
  return date.toISOString();
}

function parseTimestamp(text: string): Date {
  // MISP sends epoch seconds as strings ("1603642920").
  if (/^\d{9,13}$/.test(text)) return new Date(Number(text) < 1e11 ? Number(text) * 1000 : Number(text));
  return new Date(text);
}

const STIX_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** True for a string in the STIX timestamp form (UTC, `Z`). */
export function isStixTimestamp(value: unknown): value is string {
  return typeof value === 'string' && STIX_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}
