import type { JsonSchema } from '@ply/core';
import { PlyError } from '@ply/core';
import type { SchemaCompiler } from '@ply/core';
import type { LintDefect } from './lint-finding.js';

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every object sub-schema with its pointer (walks all keywords, so nested and combined schemas count). */
function* subschemas(node: unknown, pointer: string): Generator<[Node, string]> {
  if (Array.isArray(node)) {
    for (const [index, value] of node.entries()) yield* subschemas(value, `${pointer}/${index}`);
    return;
  }
  if (!isNode(node)) return;
  yield [node, pointer];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
    yield* subschemas(value, `${pointer}/${escape(key)}`);
  }
}

/** `required` names that `properties` does not declare (only where `properties` is given). */
function requiredDefects(schema: JsonSchema, file: string, base: string): LintDefect[] {
  const defects: LintDefect[] = [];
  for (const [node, pointer] of subschemas(schema, base)) {
    const required = node['required'];
    const properties = node['properties'];
    if (!Array.isArray(required) || !isNode(properties)) continue;
    for (const [index, name] of required.entries()) {
      if (typeof name === 'string' && !Object.hasOwn(properties, name)) {
        defects.push({ rule: 'required-declared', file, pointer: `${pointer}/required/${index}`, message: `"${name}" is required but not in properties` });
      }
    }
  }
  return defects;
}

/** The property names of a schema and of the objects nested in it (array items, branches). */
function propertyNames(schema: unknown, names = new Set<string>(), depth = 0): Set<string> {
  if (depth > 8 || !isNode(schema)) return names;
  if (isNode(schema['properties'])) {
    for (const [name, property] of Object.entries(schema['properties'])) {
      names.add(name);
      propertyNames(property, names, depth + 1);
    }
  }
  propertyNames(schema['items'], names, depth + 1);
  for (const key of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(schema[key])) for (const branch of schema[key] as unknown[]) propertyNames(branch, names, depth + 1);
  return names;
}

/**
 * Sekoia's root-level `secrets` array must name properties of the same schema, or of objects
 * nested in it (Fortigate's `firewalls[].api_key`).
 */
function secretDefects(schema: JsonSchema, file: string, base: string): LintDefect[] {
  const secrets = schema['secrets'];
  if (secrets === undefined) return [];
  if (!Array.isArray(secrets)) return [{ rule: 'secrets-exist', file, pointer: `${base}/secrets`, message: 'secrets must be an array of property names' }];
  const properties = propertyNames(schema);
  return secrets.flatMap((name, index) =>
    typeof name === 'string' && properties.has(name)
      ? []
      : [{ rule: 'secrets-exist', file, pointer: `${base}/secrets/${index}`, message: `secret ${JSON.stringify(name)} is not a property of this schema` }],
  );
}

/**
 * Checks one embedded schema: it compiles (fatal when not), its tolerated defects (dangling
 * `$ref`s, as `SchemaCompiler.defects` lists them), `required` and `secrets` names.
 */
export function schemaDefects(compiler: SchemaCompiler, schema: JsonSchema, file: string, pointer: string): LintDefect[] {
  const defects: LintDefect[] = [];
  try {
    compiler.validator(schema, { file, pointer });
  } catch (error) {
    if (!(error instanceof PlyError)) throw error;
    const reason = error.issues[0]?.message ?? error.message;
    defects.push({ rule: 'schema-compiles', file, pointer, message: `schema does not compile: ${reason}`, fatal: true });
  }
  for (const change of compiler.defects(schema)) defects.push({ rule: 'schema-refs', file, pointer: `${pointer}${change.pointer}`, message: change.message });
  defects.push(...requiredDefects(schema, file, pointer), ...secretDefects(schema, file, pointer));
  return defects;
}
