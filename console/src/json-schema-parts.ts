import type { JsonSchema } from '@ply/core';

/** The kinds of form control the console makes from a JSON Schema property. */
export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'list' | 'object' | 'json';

export function propertiesOf(schema: JsonSchema | undefined): Array<[string, JsonSchema]> {
  const properties = schema?.['properties'];
  if (typeof properties !== 'object' || properties === null) return [];
  return Object.entries(properties as Record<string, unknown>).filter((entry): entry is [string, JsonSchema] => typeof entry[1] === 'object' && entry[1] !== null);
}

export function requiredOf(schema: JsonSchema | undefined): Set<string> {
  const list = schema?.['required'];
  return new Set(Array.isArray(list) ? list.filter((key): key is string => typeof key === 'string') : []);
}

/** The schema's type, ignoring "null" in a union (`["string", "null"]` is a string). */
export function typeOf(schema: JsonSchema | undefined): string | undefined {
  const type = schema?.['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === 'string' && t !== 'null');
  if (propertiesOf(schema).length > 0) return 'object';
  return undefined;
}

function isScalarItems(schema: JsonSchema | undefined): boolean {
  const items = schema?.['items'];
  if (typeof items !== 'object' || items === null || Array.isArray(items)) return false;
  return ['string', 'number', 'integer'].includes(typeOf(items as JsonSchema) ?? '');
}

/** Which control a property gets. */
export function fieldKind(schema: JsonSchema): FieldKind {
  if (Array.isArray(schema['enum']) && schema['enum'].every((v) => typeof v === 'string' || typeof v === 'number')) return 'enum';
  switch (typeOf(schema)) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'array':
      return isScalarItems(schema) ? 'list' : 'json';
    case 'object':
      return propertiesOf(schema).length > 0 ? 'object' : 'json';
    default:
      return 'json';
  }
}

/** The item schema of a `list` field. */
export function itemsOf(schema: JsonSchema): JsonSchema {
  return (schema['items'] as JsonSchema | undefined) ?? {};
}

/** The root-level `secrets` array of a configuration schema (Sekoia's convention). */
export function secretKeysOf(schema: JsonSchema | undefined): string[] {
  const secrets = schema?.['secrets'];
  return Array.isArray(secrets) ? secrets.filter((key): key is string => typeof key === 'string') : [];
}

/** A form field's name for a property path (`proxy.host`). */
export function fieldName(path: readonly string[]): string {
  return path.join('.');
}

/** An HTML id for a property path. */
export function fieldId(path: readonly string[]): string {
  return `f-${path.map((part) => part.replace(/[^A-Za-z0-9_-]/g, '_')).join('--')}`;
}
