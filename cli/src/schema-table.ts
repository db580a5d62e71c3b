import Table from 'cli-table3';

type Schema = Record<string, unknown>;

export interface SchemaRow {
  name: string;
  type: string;
  required: boolean;
  secret: boolean;
  default?: unknown;
  description: string;
}

function typeOf(schema: Schema): string {
  if (Array.isArray(schema['enum'])) return (schema['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  const type = schema['type'];
  let text = Array.isArray(type) ? type.join(' | ') : typeof type === 'string' ? type : '';
  for (const key of ['anyOf', 'oneOf']) {
    if (!text && Array.isArray(schema[key])) text = (schema[key] as Schema[]).map(typeOf).filter(Boolean).join(' | ');
  }
  if (text === 'array' && typeof schema['items'] === 'object' && schema['items'] !== null) text = `${typeOf(schema['items'] as Schema) || 'any'}[]`;
  if (typeof schema['format'] === 'string') text += ` (${schema['format']})`;
  return text || 'any';
}

/** The properties of an object schema as rows, nested objects flattened with dotted names. */
export function schemaRows(schema: Schema, prefix = '', secrets: string[] = []): SchemaRow[] {
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
  const secretKeys = new Set([...secrets, ...(Array.isArray(schema['secrets']) ? (schema['secrets'] as string[]) : [])]);
  const rows: SchemaRow[] = [];
  for (const [key, property] of Object.entries(properties)) {
    if (typeof property !== 'object' || property === null) continue;
    rows.push({
      name: prefix + key,
      type: typeOf(property),
      required: required.has(key),
      secret: secretKeys.has(key),
      ...(property['default'] === undefined ? {} : { default: property['default'] }),
      description: typeof property['description'] === 'string' ? property['description'] : '',
    });
    if (property['type'] === 'object' && property['properties'] && prefix.split('.').length < 3) rows.push(...schemaRows(property, `${prefix}${key}.`));
  }
  return rows;
}

/** Renders rows as a readable terminal table. */
export function renderSchemaTable(rows: SchemaRow[]): string {
  if (rows.length === 0) return '  (none)';
  const width = Math.max(60, Math.min(process.stdout.columns ?? 120, 160));
  const table = new Table({
    head: ['name', 'type', 'required', 'default', 'description'],
    colWidths: [24, 18, 10, 12, Math.max(20, width - 70)],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const row of rows) {
    table.push([row.name + (row.secret ? ' (secret)' : ''), row.type, row.required ? 'yes' : '', row.default === undefined ? '' : JSON.stringify(row.default), row.description]);
  }
  return table.toString();
}
