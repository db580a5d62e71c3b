import type { JsonSchema } from '../contracts/manifest.js';

/** Keywords whose value maps names to schemas: their keys are names, never keywords. */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);

/** Resolves a local `#/a/b` pointer inside `root`; undefined when it does not exist. */
function resolveLocalRef(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Copies a schema from elsewhere into a form Ajv compiles, listing every change it made:
 * `$ref`s that point nowhere (Sekoia's `#/components/schemas/...` leftovers) become `{}`, and
 * an `id` that is not a string (a property map written where a schema belongs) is dropped.
 */
export function sanitiseSchema(schema: JsonSchema): { schema: JsonSchema; changes: Array<{ pointer: string; message: string }> } {
  const changes: Array<{ pointer: string; message: string }> = [];
  const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
  /** An object whose keys are names (property names, definition names), each holding a schema. */
  const walkMap = (node: unknown, pointer: string): unknown => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return walk(node, pointer);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value, `${pointer}/${escape(key)}`);
    return out;
  };
  /** A schema, or any other JSON value found inside one. */
  const walk = (node: unknown, pointer: string): unknown => {
    if (Array.isArray(node)) return node.map((value, index) => walk(value, `${pointer}/${index}`));
    if (typeof node !== 'object' || node === null) return node;
    const record = node as Record<string, unknown>;
    const ref = record['$ref'];
    if (typeof ref === 'string' && resolveLocalRef(schema, ref) === undefined) {
      changes.push({ pointer: `${pointer}/$ref`, message: `$ref "${ref}" does not resolve; treated as {}` });
      return {};
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      if (key === 'id' && typeof value !== 'string') {
        changes.push({ pointer: `${pointer}/id`, message: 'keyword "id" is not a string; ignored' });
        continue;
      }
      out[key] = NAME_MAPS.has(key) ? walkMap(value, `${pointer}/${escape(key)}`) : walk(value, `${pointer}/${escape(key)}`);
    }
    return out;
  };
  return { schema: walk(schema, '') as JsonSchema, changes };
}
