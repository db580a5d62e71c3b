import type { JsonSchema } from '@ply/core';

/** One place where a generated schema refuses what the reference schema accepts. */
export interface SchemaNarrowing {
  /** JSON pointer into the reference schema. */
  pointer: string;
  message: string;
}

/**
 * Which side a schema is on, for its `required` rule: results may require only what the reference
 * requires (a vendor answer without the rest is still a success); arguments and configurations
 * require exactly what it requires (one left optional is fine when it has a default).
 */
export type SchemaSide = 'arguments' | 'results' | 'configuration';

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Follows local `$ref`s (`#/definitions/X`, `#/$defs/X`) and pydantic's `allOf: [{ $ref }]` wrapper. */
function resolved(node: unknown, root: Node, depth = 0): Node | undefined {
  if (!isNode(node)) return undefined;
  if (depth > 32) return node;
  const ref = node['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) target = isNode(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    // A dangling ref (Sekoia's `#/components/...`) is "no schema".
    return resolved(target ?? {}, root, depth + 1) ?? {};
  }
  const allOf = node['allOf'];
  if (Array.isArray(allOf) && allOf.length === 1 && Object.keys(node).every((key) => ['allOf', 'title', 'description', 'default'].includes(key))) {
    return resolved(allOf[0], root, depth + 1);
  }
  return node;
}

const SHAPE_KEYS = ['type', 'properties', 'items', 'enum', 'const', '$ref', 'anyOf', 'oneOf', 'allOf'];

/**
 * The alternatives of a schema: its `anyOf`/`oneOf` branches, or itself. Branches that only
 * constrain the node (`oneOf: [{ required: ['id'] }, { required: ['userPrincipalName'] }]` beside
 * its `properties`) are not alternatives: the node itself is the schema.
 */
function alternatives(node: Node, root: Node): Node[] {
  const branches = (node['anyOf'] ?? node['oneOf']) as unknown;
  if (!Array.isArray(branches)) return [node];
  if (branches.every((branch) => isNode(branch) && !SHAPE_KEYS.some((key) => key in branch))) return [node];
  return branches.flatMap((branch) => {
    const target = resolved(branch, root);
    return target ? alternatives(target, root) : [];
  });
}

function typesOf(node: Node): string[] | undefined {
  const type = node['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((value): value is string => typeof value === 'string');
  return undefined;
}

/** Whether a schema of these types accepts values of `type` (`number` takes integers). */
function accepts(types: string[] | undefined, type: string): boolean {
  return types === undefined || types.includes(type) || (type === 'integer' && types.includes('number'));
}

/** The alternative of `ours` that takes values of `type` (an object branch for an object...). */
function branchFor(ours: Node, root: Node, type: string | undefined): Node | undefined {
  const branches = alternatives(ours, root);
  return type === undefined ? branches[0] : branches.find((branch) => accepts(typesOf(branch), type));
}

interface Walk {
  oursRoot: Node;
  referenceRoot: Node;
  side: SchemaSide;
  found: SchemaNarrowing[];
}

function compare(oursNode: unknown, referenceNode: unknown, pointer: string, walk: Walk, topLevel: boolean): void {
  const reference = resolved(referenceNode, walk.referenceRoot);
  const oursResolved = resolved(oursNode, walk.oursRoot);
  if (!reference || !oursResolved) return;
  const referenceTypes = typesOf(reference) ?? [];
  for (const type of referenceTypes) {
    if (!alternatives(oursResolved, walk.oursRoot).some((branch) => accepts(typesOf(branch), type))) {
      walk.found.push({ pointer, message: `refuses ${type} values, which the reference accepts` });
    }
  }
  const primary = referenceTypes.find((type) => type !== 'null');
  const ours = branchFor(oursResolved, walk.oursRoot, primary);
  if (!ours) return;
  compareEnum(ours, reference, pointer, walk);
  if (walk.side !== 'results' && reference['default'] !== undefined && ours['default'] === undefined && oursResolved['default'] === undefined) {
    walk.found.push({ pointer, message: `has no default (the reference's is ${JSON.stringify(reference['default'])})` });
  }
  compareObject(ours, reference, pointer, walk, topLevel);
  if (isNode(reference['items']) && ours['items'] !== undefined) compare(ours['items'], reference['items'], `${pointer}/items`, walk, false);
}

function compareEnum(ours: Node, reference: Node, pointer: string, walk: Walk): void {
  const ourEnum = ours['enum'];
  if (!Array.isArray(ourEnum)) return;
  const referenceEnum = reference['enum'];
  if (!Array.isArray(referenceEnum)) {
    walk.found.push({ pointer, message: `allows only ${JSON.stringify(ourEnum)} (the reference has no such list)` });
    return;
  }
  const missing = referenceEnum.filter((value) => !ourEnum.some((mine) => JSON.stringify(mine) === JSON.stringify(value)));
  if (missing.length > 0) walk.found.push({ pointer, message: `refuses ${JSON.stringify(missing)} among the reference's values` });
}

function compareObject(ours: Node, reference: Node, pointer: string, walk: Walk, topLevel: boolean): void {
  const referenceProperties = isNode(reference['properties']) ? reference['properties'] : {};
  const ourProperties = isNode(ours['properties']) ? ours['properties'] : {};
  const closed = ours['additionalProperties'] === false;
  for (const [key, property] of Object.entries(referenceProperties)) {
    const at = `${pointer}/properties/${escape(key)}`;
    if (Object.hasOwn(ourProperties, key)) compare(ourProperties[key], property, at, walk, false);
    // A top-level property must be declared, to be documented (and, for an argument, used); a nested
    // result may pass through a loose object.
    else if (closed || topLevel) walk.found.push({ pointer: at, message: `"${key}" is not declared${closed ? ' and the object is closed' : ''}` });
  }
  if (isNode(reference['additionalProperties'])) {
    if (closed) walk.found.push({ pointer: `${pointer}/additionalProperties`, message: 'refuses the extra properties the reference accepts' });
    else if (isNode(ours['additionalProperties'])) compare(ours['additionalProperties'], reference['additionalProperties'], `${pointer}/additionalProperties`, walk, false);
  }
  const referenceRequired = new Set(Array.isArray(reference['required']) ? (reference['required'] as string[]) : []);
  const ourRequired = Array.isArray(ours['required']) ? (ours['required'] as string[]) : [];
  for (const name of ourRequired) {
    if (!referenceRequired.has(name)) walk.found.push({ pointer: `${pointer}/required`, message: `requires "${name}", which the reference does not` });
  }
  if (walk.side === 'results') return;
  for (const name of referenceRequired) {
    const property = resolved(ourProperties[name], walk.oursRoot);
    if (!ourRequired.includes(name) && property !== undefined && property['default'] === undefined) {
      walk.found.push({ pointer: `${pointer}/required`, message: `leaves "${name}" optional without a default, which the reference requires` });
    }
  }
}

/**
 * Where a generated schema is narrower than the reference's: types it refuses, reference
 * properties it does not declare at the top level or closes out further down, values
 * left out of an enum, requirements the reference does not have, missing defaults. Validation
 * keywords (`format`, `pattern`, lengths, bounds) are not compared: a plugin may check input
 * the reference's code checked too. A reference schema `{}` ("no schema") gives nothing to compare.
 * An empty list means "at least as wide".
 */
export function schemaNarrowings(ours: JsonSchema, reference: JsonSchema, side: SchemaSide): SchemaNarrowing[] {
  // `{}` is Sekoia's "no schema": it says nothing to compare with.
  if (Object.keys(reference).length === 0) return [];
  const walk: Walk = { oursRoot: ours, referenceRoot: reference, side, found: [] };
  compare(ours, reference, '', walk, true);
  return walk.found;
}
