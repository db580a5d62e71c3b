import { readFileSync } from 'node:fs';
import { PlyError } from '@ply/core';

type Schema = Record<string, unknown>;

function acceptsOnlyStrings(property: Schema | undefined): boolean {
  if (!property) return false;
  const type = property['type'];
  return type === 'string' || (Array.isArray(type) && type.every((t) => t === 'string' || t === 'null'));
}

/**
 * Parses repeated `key=value` options. A value is taken as JSON (number, boolean, list, object)
 * unless the schema says the key is a string, so `--arg count=5` and `--arg name=5` both do what
 * the schema means.
 */
export function parseKeyValues(pairs: string[], schema: Schema, option: string): Record<string, unknown> {
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new PlyError('PLY_INVALID_INPUT', `${option} "${pair}" must be written key=value`);
    const key = pair.slice(0, equals);
    const raw = pair.slice(equals + 1);
    if (acceptsOnlyStrings(properties[key])) {
      out[key] = raw;
      continue;
    }
    try {
      out[key] = JSON.parse(raw);
    } catch {
      out[key] = raw;
    }
  }
  return out;
}

/** Reads a JSON object from a file given to an option. */
export function readJsonObject(file: string, option: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PlyError('PLY_INVALID_INPUT', `${option} ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PlyError('PLY_INVALID_INPUT', `${option} ${file}: must hold a JSON object`);
  }
  return value as Record<string, unknown>;
}
