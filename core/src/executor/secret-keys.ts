import type { JsonSchema } from '../contracts/manifest.js';

/** The keys a schema marks secret with Sekoia's root-level `secrets` array. */
export function secretKeysOf(schema: JsonSchema): string[] {
  const secrets = schema['secrets'];
  return Array.isArray(secrets) ? secrets.filter((key): key is string => typeof key === 'string') : [];
}

/** The values under those keys (strings only; nested values are found by the redactor's key rule). */
export function secretValuesOf(data: Record<string, unknown>, keys: Iterable<string>): string[] {
  const values: string[] = [];
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'string' && value.length > 0) values.push(value);
  }
  return values;
}
