import { isPlainObject } from './plain-data.js';

/** A Jinja test (`value is name(arg)`): a predicate over template data. */
export type TemplatePredicate = (value: unknown, ...args: unknown[]) => boolean;

const isNumber = (v: unknown): v is number => typeof v === 'number';
const isSequence = (v: unknown): boolean => Array.isArray(v) || typeof v === 'string';

/**
 * The Jinja tests Ply templates can use, in a null-prototype registry so a test name can never
 * resolve to an inherited `Object.prototype` member.
 */
export function createPredicates(): Record<string, TemplatePredicate> {
  const tests: Record<string, TemplatePredicate> = Object.create(null) as Record<string, TemplatePredicate>;
  Object.assign(tests, {
    defined: (v: unknown) => v !== undefined,
    undefined: (v: unknown) => v === undefined,
    none: (v: unknown) => v === null,
    null: (v: unknown) => v === null,
    true: (v: unknown) => v === true,
    false: (v: unknown) => v === false,
    boolean: (v: unknown) => typeof v === 'boolean',
    number: isNumber,
    integer: (v: unknown) => Number.isInteger(v),
    float: (v: unknown) => isNumber(v) && !Number.isInteger(v),
    string: (v: unknown) => typeof v === 'string',
    mapping: (v: unknown) => isPlainObject(v),
    sequence: isSequence,
    iterable: (v: unknown) => isSequence(v) || isPlainObject(v),
    callable: () => false,
    escaped: () => false,
    lower: (v: unknown) => typeof v === 'string' && v === v.toLowerCase(),
    upper: (v: unknown) => typeof v === 'string' && v === v.toUpperCase(),
    even: (v: unknown) => isNumber(v) && v % 2 === 0,
    odd: (v: unknown) => isNumber(v) && Math.abs(v % 2) === 1,
    divisibleby: (v: unknown, n: unknown) => isNumber(v) && isNumber(n) && v % n === 0,
    truthy: (v: unknown) => Boolean(v),
    falsy: (v: unknown) => !v,
    eq: (a: unknown, b: unknown) => a === b,
    equalto: (a: unknown, b: unknown) => a === b,
    sameas: (a: unknown, b: unknown) => a === b,
    ne: (a: unknown, b: unknown) => a !== b,
    lt: (a: unknown, b: unknown) => (a as number) < (b as number),
    lessthan: (a: unknown, b: unknown) => (a as number) < (b as number),
    le: (a: unknown, b: unknown) => (a as number) <= (b as number),
    gt: (a: unknown, b: unknown) => (a as number) > (b as number),
    greaterthan: (a: unknown, b: unknown) => (a as number) > (b as number),
    ge: (a: unknown, b: unknown) => (a as number) >= (b as number),
    in: (v: unknown, container: unknown) => containsMember(container, v),
  } satisfies Record<string, TemplatePredicate>);
  return tests;
}

/** Jinja's `in`: substring for strings, element for lists, own key for mappings. */
export function containsMember(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') return typeof item === 'string' && container.includes(item);
  if (Array.isArray(container)) return container.includes(item);
  if (isPlainObject(container)) return (typeof item === 'string' || typeof item === 'number') && Object.hasOwn(container, item);
  return false;
}
