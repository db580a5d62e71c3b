import type Database from 'better-sqlite3';

interface PendingWrite {
  work: () => void;
  /** Called synchronously once the write is committed (no error) or has failed. */
  settled?: ((error?: unknown) => void) | undefined;
  resolve?: () => void;
  reject?: (error: unknown) => void;
}

/**
 * Group commit: writes queued during one turn of the event loop are committed together in one
 * transaction on the next (`setImmediate`). A commit costs far more than a row on SQLite, so
 * concurrent runs share their commits. When a batch fails, its writes are retried one by one
 * so that one bad write fails alone.
 *
 * Readers in this process call {@link flush} first, so they always see queued writes.
 */
export class WriteBatcher {
  private queue: PendingWrite[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly db: Database.Database,
    /** Told about a failed write that has no promise to reject. */
    private readonly onOrphanError: (error: unknown) => void = () => {},
  ) {}

  /** Queues a write; the returned promise settles once it is committed (or has failed). */
  write(work: () => void, settled?: (error?: unknown) => void): Promise<void> {
    return new Promise((resolve, reject) => this.push({ work, settled, resolve, reject }));
  }

  /** Queues a write nobody waits for; `settled` is called synchronously after its commit or failure. */
  writeLater(work: () => void, settled?: (error?: unknown) => void): void {
    this.push({ work, settled });
  }

  /** Commits every queued write now (synchronously). */
  flush(): void {
    if (this.scheduled !== undefined) {
      clearImmediate(this.scheduled);
      this.scheduled = undefined;
    }
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      this.commit(batch);
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  private push(write: PendingWrite): void {
    this.queue.push(write);
    this.scheduled ??= setImmediate(() => {
      this.scheduled = undefined;
      this.flush();
    });
  }

  private commit(batch: PendingWrite[]): void {
    try {
      this.db.transaction(() => {
        for (const write of batch) write.work();
      })();
      for (const write of batch) {
        write.settled?.();
        write.resolve?.();
      }
      return;
    } catch {
      // Find the culprit(s): each write alone, in order.
    }
    for (const write of batch) {
      try {
        this.db.transaction(write.work)();
        write.settled?.();
        write.resolve?.();
      } catch (error) {
        write.settled?.(error);
        if (write.reject) write.reject(error);
        else this.onOrphanError(error);
      }
    }
  }
}
