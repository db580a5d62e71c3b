import type { SqlDatabase } from './sql/sql-database.js';
import type { BoundStatement } from './sql/sql-query.js';

interface PendingWrite {
  /** Built when the batch commits, so a write queued earlier may still be changed in place. */
  statements: () => readonly BoundStatement[];
  /** Called once the write is committed (no error) or has failed, before the promise settles. */
  settled?: ((error?: unknown) => void) | undefined;
  resolve?: (changes: number[]) => void;
  reject?: (error: unknown) => void;
}

/**
 * Group commit: writes queued during one turn of the event loop are committed together in one
 * transaction on the next (`setImmediate`), one batch at a time; writes queued while a batch is
 * committing go in the next one, so a slower database gets larger batches. A commit costs far
 * more than a row, so concurrent runs share their commits. When a batch fails, its writes are
 * retried one by one so that one bad write fails alone.
 *
 * Readers in this process await {@link flush} first, so they always see queued writes.
 */
export class WriteBatcher {
  private queue: PendingWrite[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private committing: Promise<void> | undefined;

  constructor(
    private readonly db: SqlDatabase,
    /** Told about a failed write that has no promise to reject. */
    private readonly onOrphanError: (error: unknown) => void = () => {},
  ) {}

  /** Queues a write; the returned promise resolves with the rows each statement changed once it is committed. */
  write(statements: () => readonly BoundStatement[], settled?: (error?: unknown) => void): Promise<number[]> {
    return new Promise((resolve, reject) => this.push({ statements, settled, resolve, reject }));
  }

  /** Queues a write nobody waits for; `settled` is called after its commit or failure. */
  writeLater(statements: () => readonly BoundStatement[], settled?: (error?: unknown) => void): void {
    this.push({ statements, settled });
  }

  /** Commits every write queued so far; resolves once they are committed. */
  flush(): Promise<void> {
    if (this.scheduled !== undefined) {
      clearImmediate(this.scheduled);
      this.scheduled = undefined;
    }
    if (this.queue.length === 0 && this.committing === undefined) return Promise.resolve();
    return this.drain();
  }

  get pending(): number {
    return this.queue.length;
  }

  private push(write: PendingWrite): void {
    this.queue.push(write);
    if (this.committing === undefined) {
      this.scheduled ??= setImmediate(() => {
        this.scheduled = undefined;
        void this.drain();
      });
    }
  }

  private drain(): Promise<void> {
    this.committing ??= (async () => {
      try {
        while (this.queue.length > 0) {
          const batch = this.queue;
          this.queue = [];
          await this.commit(batch);
        }
      } finally {
        this.committing = undefined;
      }
    })();
    return this.committing;
  }

  private async commit(batch: PendingWrite[]): Promise<void> {
    try {
      const groups = batch.map((write) => write.statements());
      const statements = groups.flat();
      // Writes that only wait for the ones before them need no transaction of their own.
      const changes = statements.length === 0 ? [] : await this.db.batch(statements);
      let offset = 0;
      batch.forEach((write, index) => {
        const count = groups[index]!.length;
        write.settled?.();
        write.resolve?.(changes.slice(offset, offset + count));
        offset += count;
      });
      return;
    } catch {
      // Find the culprit(s): each write alone, in order.
    }
    for (const write of batch) {
      try {
        const changes = await this.db.batch(write.statements());
        write.settled?.();
        write.resolve?.(changes);
      } catch (error) {
        write.settled?.(error);
        if (write.reject) write.reject(error);
        else this.onOrphanError(error);
      }
    }
  }
}
