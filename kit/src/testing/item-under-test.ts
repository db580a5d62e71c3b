import { toPlyError, type PlyError } from '@ply/core';

/**
 * The running half of the trigger and connector harnesses: starts the item's `start`, records
 * how it ended, and lets a test wait until it has produced enough events (or failed, or stopped).
 */
export class ItemUnderTest<Event> {
  readonly controller = new AbortController();
  private readonly waiters = new Set<() => void>();
  private failure: PlyError | undefined;
  private finished = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    /** `trigger` or `connector`, for messages. */
    private readonly kind: string,
    /** Everything produced so far, in order. */
    private readonly produced: () => Event[],
  ) {}

  /** Runs `start` once (no restart: the test sees a failure). */
  start(start: () => Promise<void>): void {
    this.running = Promise.resolve()
      .then(start)
      .catch((error: unknown) => {
        if (!this.controller.signal.aborted) this.failure = toPlyError(error);
      })
      .finally(() => {
        this.finished = true;
        this.wake();
      });
  }

  /** Tells waiters that something was produced. */
  wake(): void {
    for (const wake of this.waiters) wake();
  }

  /** Resolves once `count` events were produced; rejects after `timeoutMs` or if the item failed or stopped. */
  waitFor(count: number, timeoutMs: number): Promise<Event[]> {
    return new Promise((resolve, reject) => {
      const done = (settle: () => void): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      const check = (): void => {
        const produced = this.produced();
        if (produced.length >= count) done(() => resolve(produced.slice(0, count)));
        else if (this.failure) done(() => reject(this.failure));
        else if (this.finished) done(() => reject(new Error(`the ${this.kind} stopped after ${produced.length} of ${count} events`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`${this.produced().length} of ${count} events after ${timeoutMs} ms`))), timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** Aborts the signal and waits for `start` to return; resolves with its error, if any. */
  async stop(): Promise<PlyError | undefined> {
    this.controller.abort();
    await this.running;
    return this.failure;
  }
}
