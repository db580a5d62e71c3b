import type { JsonSchema } from '../contracts/manifest.js';

/** The keys a schema marks secret with Sekoia's root-level `secrets` array. */
export function secretKeysOf(schema: JsonSchema): string[] {
  const secrets = schema['secrets'];
  return Array.isArray(secrets) ? secrets.filter((key): key is string => typeof key === 'string') : [];
}

/**
 * The string values under those keys, at any depth: Sekoia's `secrets` may name a key of nested
 * objects (Fortigate's `firewalls[].api_key`), and each such value must be hunted in text too.
 */
export function secretValuesOf(data: Record<string, unknown>, keys: Iterable<string>): string[] {
  const wanted = new Set(keys);
  const values: string[] = [];
  if (wanted.size === 0) return values;
  const walk = (value: unknown, depth: number): void => {
    if (depth > 8 || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (wanted.has(key) && typeof item === 'string' && item.length > 0) values.push(item);
      else walk(item, depth + 1);
    }
  };
  walk(data, 0);
  return values;
}
