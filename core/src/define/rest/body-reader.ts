import type { BodyReader } from '../../contracts/rest.js';

/**
 * Reads a value from a response body: a function, or a dotted path (`data.items`). A key that
 * itself holds dots (`@odata.nextLink`) is read whole when the body has it.
 */
export function readBody<T>(body: unknown, reader: BodyReader<T>): T | undefined {
  if (typeof reader === 'function') return reader(body);
  let current: unknown = body;
  if (isRecord(current) && Object.hasOwn(current, reader)) return current[reader] as T;
  for (const key of reader.split('.')) {
    if (!isRecord(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current as T;
}

/** A copy of `body` whose value at `path` is `value` (objects on the way are copied, not changed). */
export function replaceAt(body: unknown, path: string, value: unknown): unknown {
  if (!isRecord(body)) return value;
  if (Object.hasOwn(body, path)) return { ...body, [path]: value };
  const [head, ...rest] = path.split('.');
  const key = head!;
  return { ...body, [key]: rest.length === 0 ? value : replaceAt(body[key], rest.join('.'), value) };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
