import { parentPort, workerData } from 'node:worker_threads';
import { isPlyError, stringOnlyPointers, TemplateEngine } from '@ply/core';
import type { RenderAnswer, RenderJob, RenderWorkerData } from './render-messages.js';

/**
 * The template worker's entry: renders what {@link RenderWorkerPool} hands it with the full
 * limits, off the server's event loop, and answers with the value and its taint marks (or the
 * error's code, message and details, so the caller throws the same PlyError).
 */
const { limits } = workerData as RenderWorkerData;
const engine = new TemplateEngine({ cacheSize: 200, ...(limits ? { limits } : {}) });

parentPort!.on('message', (job: RenderJob) => {
  let answer: RenderAnswer;
  try {
    const { value, marks } = engine.renderValueMarked(job.value, job.context, { ...(job.secrets ? { secrets: new Set(job.secrets) } : {}), ...(job.schema ? { textAt: stringOnlyPointers(job.schema) } : {}) });
    answer = { id: job.id, value, marks };
  } catch (error) {
    answer = isPlyError(error)
      ? { id: job.id, error: { code: error.code, message: error.message, details: error.details } }
      : { id: job.id, error: { code: 'PLY_INTERNAL', message: `the template worker failed: ${(error as Error).message}`, details: {} } };
  }
  parentPort!.postMessage(answer);
});
