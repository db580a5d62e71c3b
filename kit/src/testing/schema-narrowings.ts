import { isDeepStrictEqual } from 'node:util';

type Node = Record<string, unknown>;
type Schema = Node | boolean;

/** One place where Ply's schema refuses a value the reference schema accepts. */
export interface SchemaNarrowing {
  /** Where in the value: `/items/[]/category` (`[]` any list item, `*` any undeclared property). */
  path: string;
  message: string;
}

/** What {@link schemaNarrowings} assumes. */
export interface NarrowingOptions {
  /**
   * The value at the root is an object even where the reference schema says nothing (`{}`):
   * Sekoia's SDK results and events are always JSON objects. Default true.
   */
  rootIsObject?: boolean;
  /**
   * What the schema describes. `results` (the default): a value Ply produces or the vendor
   * returns; Ply may require a property the reference does not declare (one Ply computes
   * itself). `input` (arguments, configuration): what a playbook or an account gives; Ply may
   * refuse an empty string or an empty list (`minLength: 1`, `minItems: 1`) with a clear error
   * where the reference passes it on to fail at the vendor.
   */
  side?: 'input' | 'results';
}

const TYPES = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'] as const;
type JsonType = (typeof TYPES)[number];

/** Keywords that constrain a value; a schema with none of them accepts anything. */
const KEYWORDS = new Set([
  'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems', 'uniqueItems',
  'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'anyOf', 'oneOf', 'allOf', '$ref', 'not', 'minProperties', 'maxProperties', 'patternProperties',
]);

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON value's type, as JSON Schema names it (`integer` for whole numbers). */
function typeOfValue(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/**
 * Compares a schema Ply generates with the reference's (a Sekoia.io manifest's `results`,
 * `arguments`, an event schema) and lists every place where Ply's is narrower: a value the
 * reference accepts and Ply refuses, so that a successful vendor call would end in
 * `PLY_RESULTS_INVALID` (or a valid playbook in `PLY_ARGUMENTS_INVALID`).
 *
 * Checked: types (`integer` counts as a `number`; `x-nullable` and `nullable` add `null`), enums
 * and consts, `required` (Ply requiring what the reference does not), `additionalProperties:
 * false`, the properties the reference declares, list items, string and number bounds, formats
 * and patterns, and `anyOf`/`oneOf`/`allOf` on either side. Local `$ref`s are followed. Known
 * corpus defects are read as meant: `items` written as a bare map of property schemas is an
 * object with those properties. Properties Ply declares and the reference does not are not
 * compared (the reference says nothing about them); `not` and `if` are ignored.
 */
export function schemaNarrowings(ours: unknown, reference: unknown, options: NarrowingOptions = {}): SchemaNarrowing[] {
  const comparison = new Comparison(ours as Schema, reference as Schema, options.side ?? 'results');
  const found: SchemaNarrowing[] = [];
  comparison.compare(ours as Schema, reference as Schema, '', found, options.rootIsObject ?? true);
  return found;
}

class Comparison {
  constructor(
    private readonly oursRoot: Schema,
    private readonly referenceRoot: Schema,
    private readonly side: 'input' | 'results',
  ) {}

  compare(oursIn: Schema | undefined, referenceIn: Schema | undefined, path: string, found: SchemaNarrowing[], rootIsObject = false): void {
    const reference = this.normalise(referenceIn, this.referenceRoot);
    const ours = this.normalise(oursIn, this.oursRoot);
    if (reference === false) return;
    const at = path || '/';
    if (isOpen(reference) && isOpen(ours) && !(rootIsObject && path === '')) return;
    if (ours === false) {
      found.push({ path: at, message: 'Ply accepts no value here, the reference does' });
      return;
    }
    // The reference's unions: Ply must accept every branch (with the branch's siblings).
    for (const key of ['anyOf', 'oneOf'] as const) {
      const branches = reference[key];
      if (Array.isArray(branches)) {
        const { [key]: _omitted, ...siblings } = reference;
        for (const branch of branches) this.compare(ours, merge(siblings, this.normalise(branch as Schema, this.referenceRoot)), path, found, rootIsObject);
        return;
      }
    }
    if (Array.isArray(reference['allOf'])) {
      const { allOf, ...siblings } = reference;
      this.compare(ours, (allOf as Schema[]).reduce<Node | false>((all, branch) => merge(all, this.normalise(branch, this.referenceRoot)), siblings), path, found, rootIsObject);
      return;
    }
    if (Array.isArray(ours['allOf'])) {
      const { allOf, ...siblings } = ours;
      this.compare((allOf as Schema[]).reduce<Node | false>((all, branch) => merge(all, this.normalise(branch, this.oursRoot)), siblings), reference, path, found, rootIsObject);
      return;
    }
    const referenceTypes = this.typesOf(reference, rootIsObject && path === '', this.referenceRoot);
    // Ply's unions: each type the reference accepts must be accepted by one of Ply's branches.
    for (const key of ['anyOf', 'oneOf'] as const) {
      const branches = ours[key];
      if (!Array.isArray(branches)) continue;
      const { [key]: _omitted, ...siblings } = ours;
      const candidates = branches.map((branch) => merge(siblings, this.normalise(branch as Schema, this.oursRoot)));
      for (const type of referenceTypes) {
        const restricted = restrictTo(reference, type);
        const attempts = candidates.filter((candidate) => candidate !== false && accepts(this.typesOf(candidate, false, this.oursRoot), type)).map((candidate) => {
          const narrowings: SchemaNarrowing[] = [];
          this.compare(candidate, restricted, path, narrowings);
          return narrowings;
        });
        if (attempts.length === 0) found.push({ path: at, message: `the reference accepts ${type}, Ply does not` });
        else if (!attempts.some((narrowings) => narrowings.length === 0)) found.push(...attempts.sort((a, b) => a.length - b.length)[0]!);
      }
      return;
    }
    const oursTypes = this.typesOf(ours, false, this.oursRoot);
    // A reference that lists its values: each must be a value Ply takes (bounds included).
    const listed = allowedValues(reference);
    if (listed !== undefined && listed.every((value) => value === null || typeof value !== 'object')) {
      const refused = listed.filter((value) => !acceptsScalar(ours, oursTypes, value));
      if (refused.length > 0) found.push({ path: at, message: `the reference accepts ${JSON.stringify(refused)}, Ply does not` });
      return;
    }
    const shared = referenceTypes.filter((type) => accepts(oursTypes, type));
    const missing = referenceTypes.filter((type) => !accepts(oursTypes, type));
    if (missing.length > 0) found.push({ path: at, message: `the reference accepts ${missing.join(', ')}, Ply does not (Ply accepts ${oursTypes.join(', ')})` });
    this.compareValues(ours, reference, at, found);
    for (const type of shared) this.compareType(type, ours, reference, path, found);
  }

  /** Enums and consts: Ply's allowed values must include every value the reference allows. */
  private compareValues(ours: Node, reference: Node, at: string, found: SchemaNarrowing[]): void {
    const oursValues = allowedValues(ours);
    if (oursValues === undefined) return;
    const referenceValues = allowedValues(reference);
    if (referenceValues === undefined) {
      found.push({ path: at, message: `Ply accepts only ${JSON.stringify(oursValues)}, the reference any value of its type` });
      return;
    }
    const missing = referenceValues.filter((value) => !oursValues.some((allowed) => isDeepStrictEqual(allowed, value)) && !(value === null && accepts(this.typesOf(ours, false, this.oursRoot), 'null')));
    if (missing.length > 0) found.push({ path: at, message: `the reference accepts ${JSON.stringify(missing)}, Ply does not` });
  }

  private compareType(type: JsonType, ours: Node, reference: Node, path: string, found: SchemaNarrowing[]): void {
    const at = path || '/';
    const bound = (keyword: string, tighter: (a: number, b: number) => boolean, unset: number) => {
      const mine = ours[keyword];
      // zod writes z.int()'s safe-integer range as bounds: they refuse nothing JSON can carry.
      if (typeof mine !== 'number' || Math.abs(mine) >= Number.MAX_SAFE_INTEGER) return;
      if (this.side === 'input' && mine === 1 && (keyword === 'minLength' || keyword === 'minItems')) return;
      const theirs = typeof reference[keyword] === 'number' ? (reference[keyword] as number) : unset;
      if (tighter(mine, theirs)) found.push({ path: at, message: `Ply has ${keyword} ${mine}, the reference ${theirs === unset ? 'none' : theirs}` });
    };
    const more = (a: number, b: number) => a > b;
    const less = (a: number, b: number) => a < b;
    if (type === 'string') {
      bound('minLength', more, 0);
      bound('maxLength', less, Infinity);
      for (const keyword of ['format', 'pattern'] as const) {
        if (ours[keyword] !== undefined && ours[keyword] !== reference[keyword]) found.push({ path: at, message: `Ply requires ${keyword} ${JSON.stringify(ours[keyword])}, the reference ${reference[keyword] === undefined ? 'none' : JSON.stringify(reference[keyword])}` });
      }
    } else if (type === 'number' || type === 'integer') {
      bound('minimum', more, -Infinity);
      bound('maximum', less, Infinity);
      bound('exclusiveMinimum', more, -Infinity);
      bound('exclusiveMaximum', less, Infinity);
    } else if (type === 'array') {
      bound('minItems', more, 0);
      bound('maxItems', less, Infinity);
      if (ours['uniqueItems'] === true && reference['uniqueItems'] !== true) found.push({ path: at, message: 'Ply requires unique items, the reference does not' });
      const referenceItems = isNode(reference['items']) || typeof reference['items'] === 'boolean' ? (reference['items'] as Schema) : true;
      const oursItems = isNode(ours['items']) || typeof ours['items'] === 'boolean' ? (ours['items'] as Schema) : true;
      this.compare(oursItems, referenceItems, `${path}/[]`, found);
    } else if (type === 'object') {
      this.compareObject(ours, reference, path, found);
    }
  }

  private compareObject(ours: Node, reference: Node, path: string, found: SchemaNarrowing[]): void {
    const oursProperties = isNode(ours['properties']) ? ours['properties'] : {};
    const referenceProperties = isNode(reference['properties']) ? reference['properties'] : {};
    const oursAdditional = ours['additionalProperties'] as Schema | undefined;
    for (const [name, schema] of Object.entries(referenceProperties)) {
      const child = `${path}/${name}`;
      if (Object.hasOwn(oursProperties, name)) this.compare(oursProperties[name] as Schema, schema as Schema, child, found);
      else if (oursAdditional === false) found.push({ path: child, message: `the reference declares "${name}", Ply refuses it (additionalProperties: false)` });
      else if (oursAdditional !== undefined) this.compare(oursAdditional, schema as Schema, child, found);
    }
    const referenceRequired = new Set(Array.isArray(reference['required']) ? (reference['required'] as string[]) : []);
    for (const name of Array.isArray(ours['required']) ? (ours['required'] as string[]) : []) {
      if (this.side === 'results' && !Object.hasOwn(referenceProperties, name)) continue;
      if (!referenceRequired.has(name)) found.push({ path: `${path}/${name}`, message: `Ply requires "${name}", the reference does not` });
    }
    const referenceAdditional = (reference['additionalProperties'] ?? true) as Schema;
    if (referenceAdditional !== false && oursAdditional !== undefined && oursAdditional !== true) {
      if (oursAdditional === false) found.push({ path: `${path}/*`, message: 'Ply refuses properties it does not declare (additionalProperties: false), the reference accepts them' });
      else this.compare(oursAdditional, referenceAdditional, `${path}/*`, found);
    }
  }

  /** Follows a local `$ref`, repairs known defects, and reads `true`, `{}` and unknown-only schemas as "anything". */
  private normalise(schema: Schema | undefined, root: Schema, depth = 0): Node | false {
    if (schema === undefined || schema === true) return {};
    if (schema === false) return false;
    const ref = schema['$ref'];
    if (typeof ref === 'string' && depth < 32) {
      const { $ref: _ref, ...siblings } = schema;
      const target = resolvePointer(root, ref);
      // A dangling reference constrains nothing (Sekoia's platform tolerates them).
      return target === undefined ? siblings : merge(siblings, this.normalise(target, root, depth + 1));
    }
    if (![...Object.keys(schema)].some((key) => KEYWORDS.has(key))) {
      const values = Object.values(schema);
      // TheHiveV5 and Sekoia's get_intake write `items` as a bare map of property schemas.
      if (values.length > 0 && values.every((value) => isNode(value) && (typeof value['type'] === 'string' || Array.isArray(value['type'])))) return { type: 'object', properties: schema };
    }
    return schema;
  }

  private typesOf(schema: Node, objectWhenOpen: boolean, root: Schema): JsonType[] {
    const declared = schema['type'];
    let types: JsonType[];
    if (typeof declared === 'string') types = [declared as JsonType];
    else if (Array.isArray(declared)) types = declared as JsonType[];
    else if (Array.isArray(schema['anyOf']) || Array.isArray(schema['oneOf'])) {
      const branches = (schema['anyOf'] ?? schema['oneOf']) as Schema[];
      types = [...new Set(branches.flatMap((branch) => {
        const node = this.normalise(branch, root);
        return node === false ? [] : this.typesOf(node, false, root);
      }))];
    } else {
      const values = allowedValues(schema);
      types = values ? [...new Set(values.map(typeOfValue))] : objectWhenOpen ? ['object'] : [...TYPES].filter((type) => type !== 'integer');
    }
    if ((schema['x-nullable'] === true || schema['nullable'] === true) && !types.includes('null')) types = [...types, 'null'];
    return types;
  }
}

/** Accepts any value: no keyword that constrains one. */
function isOpen(schema: Node | false): boolean {
  return schema !== false && !Object.keys(schema).some((key) => KEYWORDS.has(key));
}

function accepts(types: readonly JsonType[], type: JsonType): boolean {
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

/** Whether a scalar value passes Ply's type, enum and bounds (the checks a listed reference value meets). */
function acceptsScalar(ours: Node, oursTypes: readonly JsonType[], value: unknown): boolean {
  if (!accepts(oursTypes, typeOfValue(value))) return false;
  const values = allowedValues(ours);
  if (values && !values.some((allowed) => isDeepStrictEqual(allowed, value))) return false;
  const number = (key: string) => (typeof ours[key] === 'number' ? (ours[key] as number) : undefined);
  if (typeof value === 'number') {
    if ((number('minimum') ?? -Infinity) > value || (number('maximum') ?? Infinity) < value) return false;
    if ((number('exclusiveMinimum') ?? -Infinity) >= value || (number('exclusiveMaximum') ?? Infinity) <= value) return false;
  }
  if (typeof value === 'string') {
    if ((number('minLength') ?? 0) > value.length || (number('maxLength') ?? Infinity) < value.length) return false;
    if (typeof ours['pattern'] === 'string' && !new RegExp(ours['pattern'], 'u').test(value)) return false;
  }
  return true;
}

function allowedValues(schema: Node): unknown[] | undefined {
  if (Array.isArray(schema['enum'])) return schema['enum'] as unknown[];
  if (Object.hasOwn(schema, 'const')) return [schema['const']];
  return undefined;
}

/** The schema for values of one type only (its other types and values dropped). */
function restrictTo(schema: Node, type: JsonType): Node {
  const values = allowedValues(schema)?.filter((value) => typeOfValue(value) === type || (type === 'number' && typeOfValue(value) === 'integer'));
  const { enum: _enum, const: _const, 'x-nullable': _x, nullable: _n, ...rest } = schema;
  return { ...rest, type, ...(values ? { enum: values } : {}) };
}

/** Two schemas both apply: keywords of `b` win, except `properties` (merged) and `required` (joined). */
function merge(a: Node | false, b: Node | false): Node | false {
  if (a === false || b === false) return false;
  const merged: Node = { ...a, ...b };
  if (isNode(a['properties']) && isNode(b['properties'])) merged['properties'] = { ...a['properties'], ...b['properties'] };
  if (Array.isArray(a['required']) && Array.isArray(b['required'])) merged['required'] = [...new Set([...(a['required'] as string[]), ...(b['required'] as string[])])];
  return merged;
}

function resolvePointer(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let current: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isNode(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return isNode(current) || typeof current === 'boolean' ? current : undefined;
}
