import { toPlyError, type PlyError } from '@ply/core';
import { sleep } from '@ply/core';

/** Sends one batch to an intake; resolves with the ids of the events once the intake acknowledged them. */
export interface IntakeTransport {
  send(events: unknown[]): Promise<string[]>;
}

/** Bounds of a batch and of its retries. */
export interface IntakeSinkOptions {
  transport: IntakeTransport;
  /** Events per batch. Default 500. */
  maxEvents?: number;
  /** Serialised bytes per batch. Default 1 MiB. */
  maxBytes?: number;
  /** How long an event waits for others before its batch is sent. Default 1,000 ms. */
  maxDelayMs?: number;
  /** Attempts per batch, the first included; user errors (4xx) are not retried. Default 5. */
  maxAttempts?: number;
  /** First retry delay, doubled each time. Default 500 ms. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

interface Pending {
  event: unknown;
  bytes: number;
  push: PushWaiter;
  index: number;
}

interface PushWaiter {
  ids: string[];
  remaining: number;
  resolve: (ids: string[]) => void;
  reject: (error: PlyError) => void;
  failed: boolean;
}

/**
 * A connector's `ctx.push`: batches events by count, bytes and time, sends one batch at a time
 * (order kept) with bounded retries, and resolves each push once every event of it was
 * acknowledged. A batch that still fails rejects its pushes: the connector fails, the supervisor
 * restarts it, and it resumes from its last checkpoint, which it could only write after an
 * acknowledged push (at-least-once: nothing is lost, a batch may be sent twice).
 */
export class IntakeSink {
  private readonly maxEvents: number;
  private readonly maxBytes: number;
  private readonly maxDelayMs: number;
  private buffer: Pending[] = [];
  private bufferBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();
  private outstanding = new Set<Promise<unknown>>();
  /** Batches acknowledged so far (for status and tests). */
  acknowledgedBatches = 0;
  /** Set once a batch failed for good: the sink then refuses everything (the connector must restart). */
  private broken: PlyError | undefined;

  constructor(private readonly options: IntakeSinkOptions) {
    this.maxEvents = options.maxEvents ?? 500;
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.maxDelayMs = options.maxDelayMs ?? 1000;
  }

  /** Queues events; resolves with their ids once acknowledged, rejects when their batch failed for good. */
  push(events: unknown[]): Promise<string[]> {
    if (this.broken) return Promise.reject(this.broken);
    if (events.length === 0) return Promise.resolve([]);
    let waiter!: PushWaiter;
    const done = new Promise<string[]>((resolve, reject) => {
      waiter = { ids: new Array<string>(events.length), remaining: events.length, resolve, reject, failed: false };
    });
    const tracked = done.catch(() => undefined).finally(() => this.outstanding.delete(tracked));
    this.outstanding.add(tracked);
    events.forEach((event, index) => {
      const bytes = Buffer.byteLength(JSON.stringify(event) ?? 'null');
      if (this.buffer.length > 0 && this.bufferBytes + bytes > this.maxBytes) this.cut();
      this.buffer.push({ event, bytes, push: waiter, index });
      this.bufferBytes += bytes;
      if (this.buffer.length >= this.maxEvents || this.bufferBytes >= this.maxBytes) this.cut();
    });
    if (this.buffer.length > 0 && !this.timer) {
      this.timer = setTimeout(() => this.cut(), this.maxDelayMs);
    }
    return done;
  }

  /**
   * Sends what is buffered now and waits until every push so far settled; rejects when any
   * batch failed for good, so a checkpoint guarded by it never moves past unsent events.
   */
  async drain(): Promise<void> {
    this.cut();
    while (this.outstanding.size > 0) await Promise.all([...this.outstanding]);
    if (this.broken) throw this.broken;
  }

  /** Stops the timer; pushes still buffered are rejected (the connector stops, its checkpoint is older). */
  close(reason: PlyError): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const pending of this.buffer) this.fail(pending.push, reason);
    this.buffer = [];
    this.bufferBytes = 0;
  }

  private cut(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.bufferBytes = 0;
    this.sending = this.sending.then(() => this.send(batch));
  }

  private async send(batch: Pending[]): Promise<void> {
    const live = batch.filter((pending) => !pending.push.failed);
    if (live.length === 0) return;
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const ids = await this.options.transport.send(live.map((pending) => pending.event));
        this.acknowledgedBatches += 1;
        live.forEach((pending, position) => {
          const { push } = pending;
          push.ids[pending.index] = ids[position] ?? '';
          push.remaining -= 1;
          if (push.remaining === 0 && !push.failed) push.resolve(push.ids);
        });
        return;
      } catch (error) {
        const failure = toPlyError(error);
        if (failure.userError || attempt >= maxAttempts) {
          this.broken ??= failure;
          for (const pending of live) this.fail(pending.push, failure);
          return;
        }
        const delay = Math.min(this.options.maxRetryDelayMs ?? 10_000, (this.options.retryDelayMs ?? 500) * 2 ** (attempt - 1));
        await sleep(delay);
      }
    }
  }

  private fail(push: PushWaiter, error: PlyError): void {
    if (push.failed) return;
    push.failed = true;
    push.reject(error);
  }
}
