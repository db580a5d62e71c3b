import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { toPlyError, type PinoLogger } from '@ply/core';
import type { PlaybookEngine } from '../playbooks/playbook-engine.js';
import type { ExecutionRepository } from '../store/execution-repository.js';
import type { RecordSealer } from '../store/record-sealer.js';
import { runOfJob, type RunJob } from './bullmq-run-queue.js';
import type { ClusterSettings } from './cluster-settings.js';

/**
 * A worker of the cluster: takes runs from the BullMQ queue, `concurrency` at a time, and runs
 * them with the engine. BullMQ holds a lock on each job while it runs; when a worker dies
 * (SIGKILL, lost machine) its lock expires after `jobLockMs` and the stalled-job check hands the
 * job to another worker, whose engine resumes the execution after its recorded nodes
 * (`PlaybookEngine.runQueued`): at least once, and an execution finished once is never run again.
 */
export class RunWorker {
  private readonly worker: Worker<RunJob>;
  private closing: Promise<void> | undefined;

  constructor(
    connection: Redis,
    engine: PlaybookEngine,
    executions: ExecutionRepository,
    sealer: RecordSealer,
    settings: Pick<ClusterSettings, 'queueName' | 'concurrency' | 'jobLockMs' | 'maxStalls' | 'attempts'>,
    logger: PinoLogger,
  ) {
    this.worker = new Worker<RunJob>(
      settings.queueName,
      async (job, _token, signal) => {
        await engine.runQueued(runOfJob(job.data, sealer), signal);
      },
      {
        connection,
        concurrency: settings.concurrency,
        lockDuration: settings.jobLockMs,
        stalledInterval: Math.max(1000, Math.floor(settings.jobLockMs / 2)),
        maxStalledCount: settings.maxStalls,
      },
    );
    this.worker.on('error', (error) => logger.warn('run worker: queue error', { error: toPlyError(error).message }));
    // Out of attempts (the store or the queue kept failing), or stalled too often: the execution
    // ends `interrupted` with the reason, rather than staying `running` for ever.
    this.worker.on('failed', (job, error) => {
      if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
      const failure = toPlyError(error);
      executions.interrupt(job.data.executionId, { code: failure.code, message: failure.message }).catch(() => {});
      logger.error('run gave up', { executionId: job.data.executionId, code: failure.code, error: failure.message });
    });
  }

  /** Runs this worker is running now. */
  get running(): boolean {
    return this.worker.isRunning();
  }

  /**
   * Drains the worker: takes no new run, lets those in flight finish within `graceMs`; after it,
   * closes without waiting (their jobs move to another worker once their lock expires).
   */
  close(graceMs: number): Promise<void> {
    this.closing ??= (async () => {
      let timer: NodeJS.Timeout | undefined;
      const graceful = this.worker.close();
      const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(() => resolve('expired'), graceMs)));
      if ((await Promise.race([graceful, expired])) === 'expired') await this.worker.close(true);
      clearTimeout(timer);
    })();
    return this.closing;
  }
}
