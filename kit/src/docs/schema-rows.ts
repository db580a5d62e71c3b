import type { JsonSchema } from '@ply/core';

type Schema = Record<string, unknown>;

/** One property of an object schema, as a documentation row. */
export interface PropertyRow {
  name: string;
  type: string;
  required: boolean;
  secret: boolean;
  description: string;
  /** The default value as JSON, when the schema has one. */
  default?: string;
}

/** How a map's entries are named in the docs: any key, with the value's type. */
export const MAP_KEY = '<key>';

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The schema of a map's values (`z.record(...)`, `additionalProperties` with a schema), if it is
 * one. An object with properties that merely allows others (`z.looseObject`: `{}`) is not a map.
 */
function mapValues(schema: Schema): Schema | undefined {
  const values = schema['additionalProperties'];
  if (!isSchema(values)) return undefined;
  return Object.keys(values).length > 0 || !isSchema(schema['properties']) ? values : undefined;
}

function typeOf(schema: Schema): string {
  if (Array.isArray(schema['enum'])) return (schema['enum'] as unknown[]).map((value) => JSON.stringify(value)).join(' \u2223 ');
  if (schema['const'] !== undefined) return JSON.stringify(schema['const']);
  const type = schema['type'];
  let text = Array.isArray(type) ? type.join(' \u2223 ') : typeof type === 'string' ? type : '';
  for (const key of ['anyOf', 'oneOf']) {
    const options = schema[key];
    if (!text && Array.isArray(options)) text = options.filter(isSchema).map(typeOf).filter(Boolean).join(' \u2223 ');
  }
  if (text === 'array' && isSchema(schema['items'])) text = `${typeOf(schema['items']) || 'any'}[]`;
  const values = mapValues(schema);
  if (text === 'object' && values && !isSchema(schema['properties'])) text = `map of ${typeOf(values)}`;
  if (typeof schema['format'] === 'string') text += ` (${schema['format']})`;
  return text || 'any';
}

const descriptionOf = (schema: Schema): string => (typeof schema['description'] === 'string' ? schema['description'] : '');

/**
 * Rows for the properties of an object schema, nested objects flattened as `parent.child` (two
 * levels), a map's entries as `<key>` (`parent.<key>`), and each default shown.
 */
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
      description: descriptionOf(property),
      ...(property['default'] === undefined ? {} : { default: JSON.stringify(property['default']) }),
    });
    if (depth < 1 && (isSchema(property['properties']) || mapValues(property))) rows.push(...propertyRows(property, `${prefix}${key}.`, depth + 1));
  }
  const values = mapValues(schema);
  if (values) {
    rows.push({ name: prefix + MAP_KEY, type: typeOf(values), required: false, secret: false, description: descriptionOf(values) || 'any key' });
    if (depth < 1 && isSchema(values['properties'])) rows.push(...propertyRows(values, `${prefix}${MAP_KEY}.`, depth + 1));
  }
  return rows;
}
