import { PlyError, isPlyError } from '@ply/core';

/**
 * When the run's deadline (its `timeout_ms`) aborted `signal`, the timeout error naming `what` the
 * action was waiting for; otherwise `error` unchanged. The executor reports this error instead of
 * its generic one.
 */
export function deadlineError(signal: AbortSignal, what: string, error: unknown): unknown {
  const reason: unknown = signal.reason;
  if (!signal.aborted || !isPlyError(reason) || reason.code !== 'PLY_ACTION_TIMEOUT') return error;
  const timeoutMs = reason.details['timeoutMs'];
  return new PlyError('PLY_ACTION_TIMEOUT', `${what} when the run's timeout_ms (${String(timeoutMs)} ms) ran out; give the action a longer timeout_ms`, {
    details: { ...reason.details },
  });
}
