import type { JsonSchema, Ply, PlyIssue } from '@ply/core';
import { requiredOf } from './json-schema-parts.js';

/** Relaxed copies per schema, reused: Ajv keeps every schema object it compiled. */
const relaxed = new WeakMap<JsonSchema, Map<string, JsonSchema>>();

function withoutRequired(schema: JsonSchema, kept: readonly string[]): JsonSchema {
  if (kept.length === 0) return schema;
  const key = [...kept].sort().join('\0');
  let copies = relaxed.get(schema);
  if (!copies) relaxed.set(schema, (copies = new Map()));
  let copy = copies.get(key);
  if (!copy) {
    copy = { ...schema, required: [...requiredOf(schema)].filter((name) => !kept.includes(name)) };
    copies.set(key, copy);
  }
  return copy;
}

/**
 * Validates a value the way the executor will (same compiler, same messages), defaults applied
 * in place. `alreadyStored` names required keys that need not be given again (secrets kept).
 */
export function checkAgainstSchema(ply: Ply, schema: JsonSchema, value: Record<string, unknown>, where: string, alreadyStored: readonly string[] = []): PlyIssue[] {
  const kept = alreadyStored.filter((key) => !(key in value));
  return ply.schemas.validator(withoutRequired(schema, kept), { file: where, pointer: '' })(value);
}
