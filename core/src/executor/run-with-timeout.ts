import { PlyError, isPlyError, toPlyError } from '../errors/ply-error.js';
import type { RunAbort } from './run-abort.js';

/** The longest timeout of one run, 24 h: past 2^31 - 1 ms, Node's timers fire at once. */
export const MAX_TIMEOUT_MS = 86_400_000;

/**
 * Runs plugin code under a deadline. On timeout the run aborts (so well-behaved code
 * stops) and the promise rejects with PLY_ACTION_TIMEOUT, even if the code hangs. Code that
 * reacts to the abort by throwing a PLY_ACTION_TIMEOUT of its own (it knows what it was waiting
 * for: "event search job 1234 was still running") gets its error reported instead, provided it
 * throws before the next turn of the event loop.
 * Whatever the code throws becomes a PlyError (PLY_ACTION_CRASHED unless it already is one).
 */
export function runWithTimeout<T>(
  work: () => Promise<T> | T,
  options: { timeoutMs: number; abort: RunAbort; what: string },
): T | Promise<T> {
  const { timeoutMs, abort, what } = options;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new PlyError('PLY_INVALID_INPUT', `the timeout of ${what} must be an integer from 1 to ${MAX_TIMEOUT_MS} ms (got ${timeoutMs})`, { details: { timeoutMs, min: 1, max: MAX_TIMEOUT_MS } });
  }
  if (abort.aborted) {
    const reason: unknown = abort.reason;
    throw reason instanceof PlyError ? reason : new PlyError('PLY_ACTION_CANCELLED', `${what} was cancelled before it started`);
  }
  // Called at once rather than on the next microtask: code that finishes synchronously (a no-op,
  // a pure transformation) finished before any deadline could pass, and needs no timer or race.
  let started: Promise<T> | T;
  try {
    started = work();
  } catch (error) {
    throw toPlyError(error, 'PLY_ACTION_CRASHED', `${what} failed`);
  }
  if (!isThenable(started)) return started;
  if (abort.aborted) {
    // Aborted by the code's own synchronous start: nothing will call the listener below.
    const reason: unknown = abort.reason;
    throw reason instanceof PlyError ? reason : new PlyError('PLY_ACTION_CANCELLED', `${what} was cancelled`);
  }
  const work$ = started;
  // One promise settled by whichever comes first: the code, the deadline or a cancellation (a
  // race of three promises cost a run a few µs more).
  return new Promise<T>((resolve, reject) => {
    let timedOut = false;
    let ownTimeout: PlyError | undefined;
    const fail = (error: unknown) => reject(toPlyError(error, 'PLY_ACTION_CRASHED', `${what} failed`));
    const timer = setTimeout(() => {
      const error = new PlyError('PLY_ACTION_TIMEOUT', `${what} did not finish within ${timeoutMs} ms`, { details: { timeoutMs } });
      timedOut = true;
      stopListening();
      abort.abort(error);
      // Microtasks run before setImmediate: the code's reaction to the abort has settled by then.
      setImmediate(() => fail(ownTimeout ?? error));
    }, timeoutMs);
    const stopListening = abort.onAbort(() => {
      clearTimeout(timer);
      const reason: unknown = abort.reason;
      fail(reason instanceof PlyError ? reason : new PlyError('PLY_ACTION_CANCELLED', `${what} was cancelled`));
    });
    // Once the deadline passed, only the deadline settles the run (with the code's own timeout error, if it threw one).
    work$.then(
      (value) => {
        if (timedOut) return;
        clearTimeout(timer);
        stopListening();
        resolve(value);
      },
      (error: unknown) => {
        if (timedOut) {
          if (isPlyError(error) && error.code === 'PLY_ACTION_TIMEOUT') ownTimeout = error;
          return;
        }
        clearTimeout(timer);
        stopListening();
        fail(error);
      },
    );
  });
}

function isThenable<T>(value: Promise<T> | T): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
