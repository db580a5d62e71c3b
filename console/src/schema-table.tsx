import type { JsonSchema } from '@ply/core';
import { itemsOf, propertiesOf, requiredOf, typeOf } from './json-schema-parts.js';

interface Row {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

function typeLabel(schema: JsonSchema): string {
  if (Array.isArray(schema['enum'])) return `one of ${(schema['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  const type = typeOf(schema) ?? 'any';
  if (type === 'array') return `list of ${typeOf(itemsOf(schema)) ?? 'any'}`;
  return typeof schema['format'] === 'string' ? `${type} (${schema['format']})` : type;
}

function rowsOf(schema: JsonSchema, prefix: string, rows: Row[], depth: number): Row[] {
  const required = requiredOf(schema);
  for (const [key, property] of propertiesOf(schema)) {
    const name = prefix ? `${prefix}.${key}` : key;
    rows.push({ name, type: typeLabel(property), required: required.has(key), description: typeof property['description'] === 'string' ? property['description'] : '' });
    if (depth < 3 && typeOf(property) === 'object') rowsOf(property, name, rows, depth + 1);
  }
  return rows;
}

/** The properties of a schema (nested ones as `a.b`) as a table: name, type, required, description. */
export function SchemaTable(props: { schema: JsonSchema; caption: string }) {
  const rows = rowsOf(props.schema, '', [], 0);
  if (rows.length === 0) return <p class="muted">{`${props.caption}: none.`}</p>;
  return (
    <table>
      <caption style="text-align:left;font-weight:600">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td>
              <code>{row.name}</code>
            </td>
            <td>{row.type}</td>
            <td>{row.required ? 'yes' : 'no'}</td>
            <td>{row.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
