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
  // A copy of the same shape, then the containers in it copied: adding the keys one by one to
  // an empty object went through a hidden-class transition per key. The spread keeps a key named
  // "__proto__" an ordinary own key (as structuredClone does), so assigning to it later sets it.
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of Object.keys(copy)) {
    const item = copy[key];
    if (typeof item === 'object' && item !== null) copy[key] = copyArguments(item);
  }
  return copy as T;
}
