import type { NodeRecordInput, RecordedError } from '../store/execution-record.js';
import type { ExecutionRepository } from '../store/execution-repository.js';

/** How long node records of a still-running execution may wait in memory before being written. */
const FLUSH_AFTER_MS = 200;

/**
 * Collects the node records of one execution and writes them in batches: a fast run writes all
 * of them with its final status in one transaction; a slow one flushes every {@link FLUSH_AFTER_MS}
 * so its progress is visible while it runs.
 */
export class RunRecorder {
  private buffer: NodeRecordInput[] = [];
  private nextSeq = 1;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly executions: ExecutionRepository,
    readonly executionId: string,
    private readonly onFlushError: (error: unknown) => void,
  ) {}

  add(record: NodeRecordInput): void {
    this.buffer.push(record);
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), FLUSH_AFTER_MS);
      this.timer.unref();
    }
  }

  /** Writes the remaining records and the final status; resolves once committed. */
  finish(status: 'succeeded' | 'failed' | 'interrupted', error?: RecordedError): Promise<void> {
    this.cancelTimer();
    const nodes = this.take();
    return this.executions.finish(this.executionId, { status, ...(error ? { error } : {}), firstSeq: this.nextSeq - nodes.length, nodes });
  }

  private flush(): void {
    this.timer = undefined;
    const nodes = this.take();
    // A failing database must not crash the process from a timer: report and go on.
    this.executions.appendNodes(this.executionId, this.nextSeq - nodes.length, nodes).catch(this.onFlushError);
  }

  private take(): NodeRecordInput[] {
    const nodes = this.buffer;
    this.buffer = [];
    this.nextSeq += nodes.length;
    return nodes;
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
