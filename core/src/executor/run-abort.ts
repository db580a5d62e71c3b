import type { Cancellation } from '../http/cancellation.js';

/**
 * How one run is cancelled: by its deadline, or by the caller's signal. The `AbortSignal` plugin
 * code sees (`ctx.signal`) is made the first time something reads it: an AbortController's
 * signal and its listeners cost about 7 µs a run, and most short actions never look at it. Once
 * made, the signal is aborted with the same reason as the run (or at once, if the run was
 * already aborted).
 */
export class RunAbort implements Cancellation {
  #controller: AbortController | undefined;
  #aborted = false;
  #reason: unknown;
  /** The run's deadline first, then its requests in flight (made with the first one). */
  #listeners: Set<() => void> | undefined;
  readonly #external: AbortSignal | undefined;
  readonly #fromExternal: (() => void) | undefined;

  /** `external`: the caller's signal; aborting it aborts the run. */
  constructor(external?: AbortSignal) {
    this.#external = external;
    if (external === undefined) return;
    if (external.aborted) this.abort(external.reason);
    else external.addEventListener('abort', (this.#fromExternal = () => this.abort(external.reason)), { once: true });
  }

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  /** The run's signal, made on first read. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Aborts the run (once: later calls are ignored, as AbortController's are). */
  abort(reason?: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason ?? new DOMException('This operation was aborted', 'AbortError');
    // The deadline's listener first, as it was registered before any plugin code ran; then the
    // requests in flight, then the plugin's own listeners on the signal.
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener();
    this.#controller?.abort(this.#reason);
  }

  /** Calls `listener` once when the run is aborted; returns what removes it. */
  onAbort(listener: () => void): () => void {
    // A function of its own, so that the same listener added twice is removed once per addition.
    const once = () => listener();
    const listeners = (this.#listeners ??= new Set());
    listeners.add(once);
    return () => listeners.delete(once);
  }

  /** Stops following the caller's signal (the run is over). */
  release(): void {
    if (this.#fromExternal !== undefined) this.#external?.removeEventListener('abort', this.#fromExternal);
  }
}
