/**
 * What cancels a caller's requests: an AbortSignal's state and one-shot listeners, without
 * requiring an AbortSignal. A run's requests listen to the run itself ({@link RunAbort}): an
 * AbortController made per run plus a listener added and removed per request cost a declared
 * REST call about 80 µs of CPU time (mostly garbage collection), a quarter of the request.
 */
export interface Cancellation {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Calls `listener` once when cancelled; returns what removes it. */
  onAbort(listener: () => void): () => void;
  /** An AbortSignal for the waits that take one (the rate limiter's queue, a backoff). */
  readonly signal: AbortSignal;
}

/** An AbortSignal as a {@link Cancellation}. */
export function signalCancellation(signal: AbortSignal): Cancellation {
  return {
    get aborted() {
      return signal.aborted;
    },
    get reason(): unknown {
      return signal.reason;
    },
    onAbort(listener) {
      signal.addEventListener('abort', listener, { once: true });
      return () => signal.removeEventListener('abort', listener);
    },
    signal,
  };
}
