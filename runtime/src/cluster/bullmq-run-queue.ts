import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { PlyError } from '@ply/core';
import type { QueuedRun, RunQueue } from '../playbooks/run-queue.js';
import type { ExecutionRepository } from '../store/execution-repository.js';
import type { RecordSealer } from '../store/record-sealer.js';

/**
 * A run as its job holds it in Redis: the trigger event sealed like the store's records
 * (AES-256-GCM under the records' key, bound to the execution id), so Redis never holds event
 * data in clear. `event` is the clear form jobs queued before sealing existed still carry.
 */
export interface RunJob {
  executionId: string;
  playbookId: string;
  sealedEvent?: string;
  event?: unknown;
}

/** The job of a run, its event sealed. */
export function runJobOf(run: QueuedRun, sealer: RecordSealer): RunJob {
  return { executionId: run.executionId, playbookId: run.playbookId, sealedEvent: sealer.seal(JSON.stringify({ event: run.event }), run.executionId) };
}

/**
 * The run a job holds, its event opened.
 *
 * @throws PlyError PLY_SECRET_KEY_INVALID when the job was sealed with another key or altered.
 */
export function runOfJob(job: RunJob, sealer: RecordSealer): QueuedRun {
  const event = job.sealedEvent === undefined ? job.event : (JSON.parse(sealer.open(job.sealedEvent, job.executionId)) as { event: unknown }).event;
  return { executionId: job.executionId, playbookId: job.playbookId, event };
}

/** What the queue holds, per state, for the health and metrics routes. */
export type QueueCounts = Record<'waiting' | 'active' | 'delayed' | 'failed' | 'completed', number>;

/**
 * The run queue of a cluster, on BullMQ: one job per accepted execution, its id the execution's
 * (adding the same run twice keeps one job). A job is retried (`attempts`, exponential backoff)
 * only when its worker could not reach the store or the queue; a playbook that fails is a job
 * that completed.
 */
export class BullMqRunQueue implements RunQueue {
  readonly queue: Queue<RunJob>;

  constructor(
    connection: Redis,
    readonly name: string,
    private readonly attempts: number,
    private readonly sealer: RecordSealer,
  ) {
    this.queue = new Queue<RunJob>(name, { connection });
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
      await this.queue.addBulk(batch.map(({ run }) => ({ name: 'run', data: runJobOf(run, this.sealer), opts: { ...options, jobId: run.executionId } })));
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
