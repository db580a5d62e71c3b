import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { PlyError } from '@ply/core';
import type { QueuedRun, RunQueue } from '../playbooks/run-queue.js';
import type { ExecutionRepository } from '../store/execution-repository.js';

/** What the queue holds, per state, for the health and metrics routes. */
export type QueueCounts = Record<'waiting' | 'active' | 'delayed' | 'failed' | 'completed', number>;

/**
 * The run queue of a cluster, on BullMQ: one job per accepted execution, its id the execution's
 * (adding the same run twice keeps one job). A job is retried (`attempts`, exponential backoff)
 * only when its worker could not reach the store or the queue; a playbook that fails is a job
 * that completed.
 */
export class BullMqRunQueue implements RunQueue {
  readonly queue: Queue<QueuedRun>;

  constructor(
    connection: Redis,
    readonly name: string,
    private readonly attempts: number,
  ) {
    this.queue = new Queue<QueuedRun>(name, { connection });
    // Connection errors surface through enqueue's rejection; the emitter must not crash the process.
    this.queue.on('error', () => {});
  }

  /** Runs handed over during this turn of the event loop: added together (`addBulk`, one round trip). */
  private pending: Array<{ run: QueuedRun; resolve: () => void; reject: (error: unknown) => void }> = [];

  enqueue(run: QueuedRun): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.addPending());
      this.pending.push({ run, resolve, reject });
    });
  }

  private async addPending(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const options = { attempts: this.attempts, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: { count: 1000 }, removeOnFail: { count: 10_000 } } as const;
    try {
      await this.queue.addBulk(batch.map(({ run }) => ({ name: 'run', data: run, opts: { ...options, jobId: run.executionId } })));
      for (const { resolve } of batch) resolve();
    } catch (error) {
      for (const { run, reject } of batch) {
        reject(new PlyError('PLY_QUEUE_ERROR', `execution ${run.executionId} is recorded but could not be queued: ${(error as Error).message}`, { details: { executionId: run.executionId } }));
      }
    }
  }

  /**
   * Ends `interrupted` what the queue will never finish, as a crash ends it in the embedded mode:
   * executions committed `queued` whose job never reached the queue (the API process died
   * between the commit and the enqueue, so no client was told they were accepted), and
   * executions `running` for over `stuckAfterMs` whose job is gone or failed (it stalled more
   * often than allowed, or its worker gave up). Returns how many.
   */
  async sweep(executions: ExecutionRepository, olderThanMs = 60_000, stuckAfterMs = 600_000): Promise<number> {
    let swept = 0;
    for (const { id } of await executions.queuedBefore(Date.now() - olderThanMs)) {
      if (await this.queue.getJob(id)) continue;
      if (await executions.interrupt(id, { code: 'PLY_QUEUE_ERROR', message: 'accepted by no one: the API process stopped before queueing it' })) swept += 1;
    }
    for (const { id } of await executions.runningSince(Date.now() - stuckAfterMs)) {
      const job = await this.queue.getJob(id);
      if (job && !(await job.isFailed())) continue;
      if (await executions.interrupt(id, { code: 'PLY_QUEUE_ERROR', message: job ? `its job failed: ${job.failedReason}` : 'no job in the queue runs it any more' })) swept += 1;
    }
    return swept;
  }

  async counts(): Promise<QueueCounts> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    return { waiting: counts['waiting'] ?? 0, active: counts['active'] ?? 0, delayed: counts['delayed'] ?? 0, failed: counts['failed'] ?? 0, completed: counts['completed'] ?? 0 };
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
