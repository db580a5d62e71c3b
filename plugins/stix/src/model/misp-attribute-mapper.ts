import { isIP } from 'node:net';
import type { StixObject } from './stix-object.js';
import { makeObservable } from './observables.js';
import { comparison, pathComponent, stringLiteral } from './pattern-builder.js';
import type { ComparisonNode } from './pattern-parser.js';
import { MISP_ATTRIBUTE_MAPPINGS, type AttributeMapping, type PartMapping } from './misp-attribute-types.js';

/** The parts of a composite MISP value (`domain|ip`, `filename|md5`, `ip-dst|port`). */
function splitValue(type: string, value: string, count: number): string[] {
  if (count === 1) return [value];
  const parts = value.split('|');
  if (parts.length !== count) throw new RangeError(`a MISP ${type} value has ${count} parts separated by "|", got "${value}"`);
  return parts;
}

function refTypeOf(part: PartMapping, value: string): string {
  if (part.refType !== 'ip') return part.refType!;
  return isIP(value) === 6 ? 'ipv6-addr' : 'ipv4-addr';
}

function typedValue(part: PartMapping, raw: string, what: string): string | number {
  if (!part.integer) return raw;
  const number = Number(raw);
  if (!Number.isInteger(number)) throw new RangeError(`a ${what} value needs an integer, got "${raw}"`);
  return number;
}

/** One part of a value and where it goes. */
export type PlacedValue = [PartMapping, string];

/** The comparisons that place each value on `root` (a typed reference also states the referenced type). */
export function comparisonsOfParts(root: string, placed: readonly PlacedValue[], what: string, fixed: Record<string, unknown> = {}): string[] {
  const comparisons: string[] = [];
  if (typeof fixed['account_type'] === 'string') comparisons.push(comparison(root, ['account_type'], fixed['account_type']));
  for (const [part, raw] of placed) {
    const refStep = part.path.findIndex((step) => step.endsWith('_ref'));
    if (part.typed && refStep >= 0) comparisons.push(comparison(root, [...part.path.slice(0, refStep + 1), 'type'], refTypeOf(part, raw)));
    comparisons.push(`${root}:${pathText(part.path)} = ${literal(typedValue(part, raw, what))}`);
  }
  return comparisons;
}

/** The root observable holding each value, and the objects it refers to (listed first, so each id exists before its use). */
export function observablesOfParts(root: string, placed: readonly PlacedValue[], what: string, fixed: Record<string, unknown> = {}): { root: StixObject; objects: StixObject[] } {
  const referenced: StixObject[] = [];
  const properties: Record<string, unknown> = { ...fixed };
  for (const [part, raw] of placed) {
    const first = part.path[0]!;
    if (first.endsWith('_ref') || first.endsWith('_refs')) {
      const target = makeObservable(refTypeOf(part, raw), { [part.path.at(-1)!]: typedValue(part, raw, what) });
      if (!referenced.some((object) => object.id === target.id)) referenced.push(target);
      properties[first] = first.endsWith('_refs') ? [...((properties[first] as string[] | undefined) ?? []), target.id] : target.id;
    } else {
      let holder = properties;
      for (const step of part.path.slice(0, -1)) holder = (holder[step] ??= {}) as Record<string, unknown>;
      holder[part.path.at(-1)!] = typedValue(part, raw, what);
    }
  }
  const rootObject = makeObservable(root, properties);
  return { root: rootObject, objects: [...referenced, rootObject] };
}

function placedValues(type: string, value: string): PlacedValue[] {
  const mapping = MISP_ATTRIBUTE_MAPPINGS[type]!;
  const values = splitValue(type, value, mapping.parts.length);
  return mapping.parts.map((part, index) => [part, values[index]!]);
}

/** The STIX pattern of a MISP attribute of a supported type. */
export function patternOfAttribute(type: string, value: string): string {
  const mapping = MISP_ATTRIBUTE_MAPPINGS[type]!;
  return `[${comparisonsOfParts(mapping.root, placedValues(type, value), `MISP ${type}`, mapping.fixed).join(' AND ')}]`;
}

function pathText(path: ReadonlyArray<string>): string {
  return path.map((step, index) => (step === '*' ? '[*]' : `${index === 0 ? '' : '.'}${pathComponent(step)}`)).join('');
}

function literal(value: string | number): string {
  return typeof value === 'number' ? String(value) : stringLiteral(value);
}

/** The observables of a MISP attribute: the root SCO and the objects it refers to. */
export function observablesOfAttribute(type: string, value: string): { root: StixObject; objects: StixObject[] } {
  const mapping = MISP_ATTRIBUTE_MAPPINGS[type]!;
  return observablesOfParts(mapping.root, placedValues(type, value), `MISP ${type}`, mapping.fixed);
}

/** Path of a comparison as text, list indexes as `[*]`, for matching against a mapping. */
export function comparisonPath(node: ComparisonNode): string {
  return node.path.map((step) => (typeof step === 'number' || step === '*' ? '[*]' : `.${step}`)).join('');
}

export function mappingPath(part: PartMapping): string {
  return part.path.map((step) => (step === '*' ? '[*]' : `.${step}`)).join('');
}

/**
 * The MISP value a mapping reads from a list of comparisons (an indicator's pattern), or undefined
 * when the comparisons are not exactly that mapping's (type discriminators and fixed properties
 * aside).
 */
export function valueFromComparisons(mapping: AttributeMapping, comparisons: readonly ComparisonNode[]): string | undefined {
  const relevant = comparisons.filter((node) => !(node.path.at(-1) === 'type' && node.path.length > 1) && !(mapping.fixed && node.path.length === 1 && node.path[0]! in mapping.fixed));
  if (relevant.length !== mapping.parts.length || relevant.some((node) => node.objectType !== mapping.root || node.operator !== '=' || node.negated)) return undefined;
  const values: string[] = [];
  for (const part of mapping.parts) {
    const node = relevant.find((candidate) => comparisonPath(candidate) === mappingPath(part));
    if (!node || (typeof node.value !== 'string' && typeof node.value !== 'number')) return undefined;
    values.push(String(node.value));
  }
  return values.join('|');
}

/** Every value at `path` under `root`, following `_ref`s and every item of a `_refs` list. */
export function valuesAt(root: StixObject, path: ReadonlyArray<string>, byId: ReadonlyMap<string, StixObject>): Array<string | number> {
  let current: unknown[] = [root];
  for (const step of path) {
    const next: unknown[] = [];
    for (const item of current) {
      if (step === '*') {
        if (Array.isArray(item)) next.push(...item.map((entry) => (typeof entry === 'string' && byId.has(entry) ? byId.get(entry) : entry)));
        continue;
      }
      const value = (item as Record<string, unknown> | undefined)?.[step];
      next.push(step.endsWith('_ref') && typeof value === 'string' ? byId.get(value) : value);
    }
    current = next.filter((item) => item !== undefined);
  }
  return current.filter((item): item is string | number => typeof item === 'string' || typeof item === 'number');
}

/** The MISP value a mapping reads from observables (the root and the objects by id), or undefined. */
export function valueFromObservables(mapping: AttributeMapping, root: StixObject, byId: ReadonlyMap<string, StixObject>): string | undefined {
  if (root.type !== mapping.root) return undefined;
  for (const [key, fixed] of Object.entries(mapping.fixed ?? {})) if (key !== 'is_multipart' && root[key] !== fixed) return undefined;
  const values: string[] = [];
  for (const part of mapping.parts) {
    const found = valuesAt(root, part.path, byId)[0];
    if (found === undefined) return undefined;
    values.push(String(found));
  }
  return values.join('|');
}
