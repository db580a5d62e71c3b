import type { JsonSchema } from '@ply/core';

type Schema = Record<string, unknown>;

/** One property of an object schema, as a documentation row. */
export interface PropertyRow {
  name: string;
  type: string;
  required: boolean;
  secret: boolean;
  description: string;
}

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

function typeOf(schema: Schema): string {
  if (Array.isArray(schema['enum'])) return (schema['enum'] as unknown[]).map((value) => JSON.stringify(value)).join(' \u2223 ');
  const type = schema['type'];
  let text = Array.isArray(type) ? type.join(' \u2223 ') : typeof type === 'string' ? type : '';
  for (const key of ['anyOf', 'oneOf']) {
    const options = schema[key];
    if (!text && Array.isArray(options)) text = options.filter(isSchema).map(typeOf).filter(Boolean).join(' \u2223 ');
  }
  if (text === 'array' && isSchema(schema['items'])) text = `${typeOf(schema['items']) || 'any'}[]`;
  if (typeof schema['format'] === 'string') text += ` (${schema['format']})`;
  return text || 'any';
}

/** Rows for the properties of an object schema; nested objects flattened as `parent.child` (two levels). */
export function propertyRows(schema: JsonSchema, prefix = '', depth = 0): PropertyRow[] {
  const properties = isSchema(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? schema['required'] : []);
  const secrets = new Set(Array.isArray(schema['secrets']) ? schema['secrets'] : []);
  const rows: PropertyRow[] = [];
  for (const [key, property] of Object.entries(properties)) {
    if (!isSchema(property)) continue;
    rows.push({
      name: prefix + key,
      type: typeOf(property),
      required: required.has(key),
      secret: secrets.has(key),
      description: typeof property['description'] === 'string' ? property['description'] : '',
    });
    if (depth < 1 && isSchema(property['properties'])) rows.push(...propertyRows(property, `${prefix}${key}.`, depth + 1));
  }
  return rows;
}
