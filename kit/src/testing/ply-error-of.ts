import { PlyError } from '@ply/core';

/**
 * The PlyError a promise rejects with. Fails (throws) when the promise resolves or rejects with
 * anything else, so a test asserting on the result cannot pass by accident.
 */
export async function plyErrorOf(promise: Promise<unknown>): Promise<PlyError> {
  let outcome: { resolved: unknown } | { rejected: unknown };
  try {
    outcome = { resolved: await promise };
  } catch (error) {
    outcome = { rejected: error };
  }
  if ('resolved' in outcome) throw new Error(`expected a PlyError, but the promise resolved with ${JSON.stringify(outcome.resolved)?.slice(0, 200)}`);
  if (!(outcome.rejected instanceof PlyError)) throw new Error(`expected a PlyError, got ${String(outcome.rejected)}`, { cause: outcome.rejected });
  return outcome.rejected;
}
