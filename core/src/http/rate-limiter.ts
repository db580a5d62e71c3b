import { PlyError } from '../errors/ply-error.js';

/** How many requests may start within a sliding window of `perMs` milliseconds. */
export interface RateLimitOptions {
  /** Requests admitted per window (positive integer). */
  maxRequests: number;
  /** Window length in milliseconds (positive). */
  perMs: number;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * Token bucket holding `maxRequests` tokens, where each token comes back `perMs` after it was
 * taken. This guarantees that no sliding window of `perMs` ever admits more than `maxRequests`.
 *
 * Callers wait in FIFO order: a new caller never overtakes one already waiting. A waiter whose
 * signal aborts leaves the queue at once and its promise rejects with the signal's reason.
 */
export class RateLimiter {
  readonly maxRequests: number;
  readonly perMs: number;
  /** Times (monotonic ms) at which the tokens currently out were taken, oldest first. */
  readonly #taken: number[] = [];
  readonly #queue: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: RateLimitOptions) {
    const { maxRequests, perMs } = options;
    if (!Number.isInteger(maxRequests) || maxRequests < 1) {
      throw new PlyError('PLY_INVALID_INPUT', `Rate limit maxRequests must be a positive integer, got ${String(maxRequests)}`);
    }
    if (!Number.isFinite(perMs) || perMs <= 0) {
      throw new PlyError('PLY_INVALID_INPUT', `Rate limit perMs must be a positive number, got ${String(perMs)}`);
    }
    this.maxRequests = maxRequests;
    this.perMs = perMs;
  }

  /**
   * Resolves when the caller may start one request. Rejects with `signal.reason` as soon as
   * `signal` aborts (or at once when it already has).
   */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#queue.length === 0 && this.#tryTake()) return Promise.resolve();

    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => this.#abandon(waiter);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#queue.push(waiter);
      this.#schedule();
    });
  }

  /** Takes a token if one is free right now. */
  #tryTake(): boolean {
    const now = performance.now();
    while (this.#taken.length > 0 && now - (this.#taken[0] as number) >= this.perMs) this.#taken.shift();
    if (this.#taken.length >= this.maxRequests) return false;
    this.#taken.push(now);
    return true;
  }

  /** Admits waiters in order while tokens are free, then waits for the next token to return. */
  #drain(): void {
    this.#timer = undefined;
    while (this.#queue.length > 0 && this.#tryTake()) {
      const waiter = this.#queue.shift() as Waiter;
      this.#detach(waiter);
      waiter.resolve();
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#queue.length === 0) {
      if (this.#timer !== undefined) clearTimeout(this.#timer);
      this.#timer = undefined;
      return;
    }
    if (this.#timer !== undefined) return;
    const oldest = this.#taken[0];
    const wait = oldest === undefined ? 0 : Math.max(1, Math.ceil(oldest + this.perMs - performance.now()));
    this.#timer = setTimeout(() => this.#drain(), wait);
  }

  #abandon(waiter: Waiter): void {
    const index = this.#queue.indexOf(waiter);
    if (index === -1) return;
    this.#queue.splice(index, 1);
    this.#detach(waiter);
    waiter.reject(waiter.signal?.reason);
    this.#schedule();
  }

  #detach(waiter: Waiter): void {
    if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
  }
}
