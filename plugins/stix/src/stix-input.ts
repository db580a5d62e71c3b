import { PlyError } from '@ply/core';
import { StixInputError, StixPatternError, makeBundle, objectsOf, type StixBundle, type StixObject } from './model.js';

/** The objects of a helper's bundle argument; refused with a clear message when it is not STIX. */
export function inputObjects(input: unknown, argument = 'bundle'): StixObject[] {
  return asInputError(() => objectsOf(input), argument);
}

/** Runs `work`, turning the model's refusals (not STIX, bad pattern, not a MISP event) into PLY_INVALID_INPUT. */
export function asInputError<T>(work: () => T, argument: string): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof StixInputError || error instanceof StixPatternError || error instanceof TypeError || error instanceof RangeError) {
      throw new PlyError('PLY_INVALID_INPUT', `${argument}: ${error.message}`, { details: { argument } });
    }
    throw error;
  }
}

/** A new bundle of `objects` (the results of every helper that returns STIX). */
export function outputBundle(objects: StixObject[]): StixBundle {
  return makeBundle(objects);
}
