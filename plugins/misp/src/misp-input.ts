import { PlyError } from '@ply/core';
import { StixInputError, StixPatternError } from '@ply/plugin-stix/model';

/** Runs `work`, turning the STIX model's refusals (not a MISP event, not STIX) into PLY_INVALID_INPUT naming `argument`. */
export function asInputError<T>(work: () => T, argument: string): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof TypeError || error instanceof StixInputError || error instanceof StixPatternError) {
      throw new PlyError('PLY_INVALID_INPUT', `${argument}: ${error.message}`, { details: { argument } });
    }
    throw error;
  }
}
