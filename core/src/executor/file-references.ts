import type { FileStore } from '../contracts/file-store.js';
import type { JsonSchema } from '../contracts/manifest.js';

function declaredProperties(schema: JsonSchema): Record<string, unknown> {
  const properties = schema['properties'];
  return typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>) : {};
}

/**
 * Sekoia's `_path` convention, inbound: an argument `X` the schema declares may arrive as
 * `X_path`, a JSON file in the run's data folder; it is read and passed on as `X`. When the
 * schema declares `X_path` itself, the action reads the file (and may delete it), so it is
 * passed on untouched.
 */
export async function resolveArgumentFiles(args: Record<string, unknown>, schema: JsonSchema, files: FileStore): Promise<Record<string, unknown>> {
  const declared = declaredProperties(schema);
  let resolved = args;
  for (const key of Object.keys(args)) {
    if (!key.endsWith('_path')) continue;
    const name = key.slice(0, -'_path'.length);
    if (!Object.hasOwn(declared, name) || Object.hasOwn(declared, key) || args[name] !== undefined || typeof args[key] !== 'string') continue;
    if (resolved === args) resolved = { ...args };
    resolved[name] = await files.readJson(args[key] as string);
    delete resolved[key];
  }
  return resolved;
}

/**
 * Outbound: a result value larger than `limitBytes` whose schema allows `X_path` is written
 * to the run's data folder and returned as `X_path`.
 */
export async function moveLargeResultsToFiles(results: unknown, schema: JsonSchema, files: FileStore, limitBytes: number): Promise<unknown> {
  if (typeof results !== 'object' || results === null || Array.isArray(results)) return results;
  const declared = declaredProperties(schema);
  let out = results as Record<string, unknown>;
  for (const [key, value] of Object.entries(results)) {
    if (!Object.hasOwn(declared, `${key}_path`) || value === undefined) continue;
    const text = JSON.stringify(value);
    if (Buffer.byteLength(text) <= limitBytes) continue;
    if (out === results) out = { ...out };
    out[`${key}_path`] = await files.writeText(`${key}.json`, text);
    delete out[key];
  }
  return out;
}

/** True when some argument uses the `X_path` form (checked before touching the file store). */
export function hasFileReference(args: Record<string, unknown>): boolean {
  for (const key in args) if (key.endsWith('_path')) return true;
  return false;
}

/** True when the results schema declares some `X_path` property. */
export function declaresFileResults(schema: JsonSchema): boolean {
  return Object.keys(declaredProperties(schema)).some((key) => key.endsWith('_path'));
}
