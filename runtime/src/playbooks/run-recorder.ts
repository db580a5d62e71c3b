import type { NodeRecord, NodeRecordInput, RecordedError } from '../store/execution-record.js';
import type { ExecutionRepository } from '../store/execution-repository.js';

/** How long node records of a still-running execution may wait in memory before being written. */
const FLUSH_AFTER_MS = 200;

/** Identifies one attempt of one node in one iteration: what is recorded at most once. */
export function attemptKey(nodeId: string, iteration: string | undefined, attempt: number): string {
  return `${nodeId}\0${iteration ?? ''}\0${attempt}`;
}

/** What a run resumed by another worker finds recorded already. */
export interface RecordedProgress {
  /** Records of the execution so far, in `seq` order. */
  nodes: readonly NodeRecord[];
}

/**
 * Collects the node records of one execution and writes them in batches: a fast run writes all
 * of them with its final status in one row; a slow one flushes every {@link FLUSH_AFTER_MS} so
 * its progress is visible while it runs (and a worker that takes it over after a crash resumes
 * after what was flushed). A record whose node, iteration and attempt were recorded already (a
 * resumed run) is not written again.
 */
export class RunRecorder {
  private buffer: NodeRecordInput[] = [];
  private nextSeq = 1;
  private timer: NodeJS.Timeout | undefined;
  private readonly recorded = new Set<string>();

  constructor(
    private readonly executions: ExecutionRepository,
    readonly executionId: string,
    private readonly onFlushError: (error: unknown) => void,
    progress?: RecordedProgress,
  ) {
    for (const node of progress?.nodes ?? []) {
      this.recorded.add(attemptKey(node.nodeId, node.iteration, node.attempt));
      this.nextSeq = Math.max(this.nextSeq, node.seq + 1);
    }
  }

  add(record: NodeRecordInput): void {
    if (this.recorded.size > 0) {
      const key = attemptKey(record.nodeId, record.iteration, record.attempt);
      if (this.recorded.has(key)) return;
      this.recorded.add(key);
    }
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
