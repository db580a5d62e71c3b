import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { PlyError, type MarkedValue, type PlyErrorCode } from '@ply/core';
import type { RenderAnswer, RenderJob, RenderLimits, RenderWorkerData } from './render-messages.js';

/**
 * The worker's script: beside this module (the CLI's bundle, or tsc's output); when this module
 * runs from its TypeScript sources (the tests), Node cannot start a .ts worker, so tsc's output
 * (`pnpm build`) is used.
 */
function workerScript(): URL {
  const beside = new URL('./render-worker.js', import.meta.url);
  return existsSync(beside) ? beside : new URL('../../dist/templating/render-worker.js', import.meta.url);
}

interface Pending {
  resolve: (value: MarkedValue) => void;
  reject: (error: unknown) => void;
}

/**
 * One `worker_threads` worker that renders templates with the full limits. Started on the first
 * job and unreferenced while idle (it never keeps a process alive); jobs are answered in order.
 * A worker that dies fails its pending jobs and is replaced on the next job.
 */
export class RenderWorkerPool {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(private readonly limits: RenderLimits | undefined) {}

  /**
   * Renders in the worker. `value` and `context` are structured-cloned: a value that cannot be
   * (a function) throws DataCloneError synchronously, before anything is queued.
   */
  render(job: Omit<RenderJob, 'id'>): Promise<MarkedValue> {
    const worker = (this.worker ??= this.spawn());
    const id = ++this.nextId;
    worker.postMessage({ ...job, id } satisfies RenderJob);
    worker.ref();
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** Stops the worker; pending jobs fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private spawn(): Worker {
    // No inherited flags: a test process's `--conditions=@ply/source` would point `@ply/core` at TypeScript.
    const worker = new Worker(workerScript(), { execArgv: [], workerData: { limits: this.limits } satisfies RenderWorkerData });
    worker.unref();
    worker.on('message', (answer: RenderAnswer) => {
      const job = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (this.pending.size === 0) worker.unref();
      if (!job) return;
      if ('error' in answer) job.reject(new PlyError(answer.error.code as PlyErrorCode, answer.error.message, { details: answer.error.details }));
      else job.resolve({ value: answer.value, marks: answer.marks });
    });
    const gone = (error: unknown): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => gone(new PlyError('PLY_INTERNAL', `the template worker failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => gone(new PlyError('PLY_INTERNAL', `the template worker stopped (exit code ${code})`)));
    return worker;
  }
}
