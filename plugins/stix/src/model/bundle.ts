import { isStixIdentifier, type StixBundle, type StixObject } from './stix-object.js';
import { randomIdentifier } from './stix-identifier.js';

/** Thrown for input that is not STIX: the message names the object and the property at fault. */
export class StixInputError extends Error {
  override readonly name = 'StixInputError';
}

/** A bundle (§8) around `objects`, with a new random id. */
export function makeBundle(objects: StixObject[]): StixBundle {
  return { type: 'bundle', id: randomIdentifier('bundle'), objects };
}

/**
 * The objects of a bundle given as a bundle, as `{ objects: [...] }` or as a bare list, each
 * checked to have a `type` and an identifier of the form `<type>--<uuid>`. Throws
 * {@link StixInputError} naming the first object at fault.
 */
export function objectsOf(input: unknown): StixObject[] {
  const objects = Array.isArray(input) ? input : typeof input === 'object' && input !== null ? (input as { objects?: unknown }).objects : undefined;
  if (!Array.isArray(objects)) throw new StixInputError('expected a STIX bundle (an object with "objects") or a list of STIX objects');
  objects.forEach((object, index) => {
    if (typeof object !== 'object' || object === null || Array.isArray(object)) throw new StixInputError(`objects[${index}] is not an object`);
    const { type, id } = object as { type?: unknown; id?: unknown };
    if (typeof type !== 'string' || type.length === 0) throw new StixInputError(`objects[${index}] has no "type"`);
    if (!isStixIdentifier(id, type)) throw new StixInputError(`objects[${index}] (${type}) has no valid "id": expected "${type}--<uuid>", got ${JSON.stringify(id)}`);
  });
  return objects as StixObject[];
}

/** The identifiers an object refers to: every `*_ref` and `*_refs` property, at any depth (§3.5 embedded relationships). */
export function referencesOf(object: StixObject): string[] {
  const found: string[] = [];
  const visit = (value: unknown, key: string) => {
    if (key.endsWith('_ref') && typeof value === 'string') found.push(value);
    else if (key.endsWith('_refs') && Array.isArray(value)) for (const item of value) if (typeof item === 'string') found.push(item);
    else if (Array.isArray(value)) for (const item of value) visit(item, '');
    else if (typeof value === 'object' && value !== null) for (const [name, item] of Object.entries(value)) visit(item, name);
  };
  for (const [key, value] of Object.entries(object)) if (key !== 'id') visit(value, key);
  return found;
}

/** Objects by identifier; the last of several versions of one object (§3.6) wins. */
export function indexById(objects: readonly StixObject[]): Map<string, StixObject> {
  return new Map(objects.map((object) => [object.id, object]));
}
