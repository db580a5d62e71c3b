import { PlyError, sleep, type ActionContext } from '@ply/core';
import { z } from 'zod';
import type { HarfangLabConfiguration } from './configuration.js';
import { harfanglab } from './module.js';

type Context = ActionContext<HarfangLabConfiguration>;

/** The agents and groups a job runs on, from the reference's comma-separated arguments. */
export function jobTargets(agents: string | undefined, groups: string | undefined): { agent_ids?: string[]; group_ids?: string[] } {
  const split = (text: string | undefined) => (text ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const agent_ids = split(agents);
  const group_ids = split(groups);
  if (agent_ids.length === 0 && group_ids.length === 0) throw new PlyError('PLY_ARGUMENTS_INVALID', 'a job needs target_agents or target_groups (comma-separated identifiers)');
  return { ...(agent_ids.length ? { agent_ids } : {}), ...(group_ids.length ? { group_ids } : {}) };
}

/** What the reference answers for a triggered job (the deprecated actions return it as is). */
export interface TriggeredJob {
  id: string;
  action: string;
  creationtime: string;
  parameters: unknown;
}

const triggeredSchema = z.looseObject({ id: z.string(), creationtime: z.string() });
const statusSchema = z.looseObject({ status: z.looseObject({ total: z.int(), waiting: z.int(), running: z.int(), injecting: z.int(), done: z.int(), error: z.int(), canceled: z.int() }) });

/** `POST api/data/job/batch/` with `{targets, jobs: [{<action>: <parameters>}]}`. */
export async function triggerJob(ctx: Context, targets: Record<string, string[]>, action: string, parameters: unknown): Promise<TriggeredJob> {
  const answer = triggeredSchema.safeParse((await harfanglab.request(ctx, { method: 'POST', path: 'api/data/job/batch/', json: { targets, jobs: [{ [action]: parameters }] } })).body);
  if (!answer.success) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `HarfangLab answered the ${action} job request without its id and creationtime`);
  ctx.log.info('HarfangLab job started', { job: answer.data.id, action });
  return { id: answer.data.id, action, creationtime: answer.data.creationtime, parameters };
}

/**
 * Polls `GET api/data/job/batch/{id}/` every `job_poll_interval` seconds until no task is waiting,
 * running or injecting, for at most `job_timeout` seconds (the reference's 600): then fails with
 * `PLY_VENDOR_JOB_TIMEOUT` naming the job and the limit. Failed or canceled tasks are logged, as
 * the reference does; the results of the others are still read.
 */
export async function waitForJob(ctx: Context, job: TriggeredJob): Promise<void> {
  const deadline = Date.now() + ctx.config.job_timeout * 1000;
  for (;;) {
    const answer = statusSchema.safeParse((await harfanglab.request(ctx, { path: `api/data/job/batch/${encodeURIComponent(job.id)}/`, notFound: `job ${job.id}` })).body);
    if (!answer.success) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `HarfangLab answered the status of job ${job.id} without its task counts`);
    const { waiting, running, injecting, error, canceled, total } = answer.data.status;
    if (waiting + running + injecting === 0) {
      if (error > 0) ctx.log.error('HarfangLab job tasks failed', { job: job.id, failed: error, total });
      if (canceled > 0) ctx.log.warn('HarfangLab job tasks were canceled', { job: job.id, canceled, total });
      if (ctx.config.job_results_delay > 0) await sleep(ctx.config.job_results_delay * 1000, ctx.signal);
      return;
    }
    const wait = Math.min(ctx.config.job_poll_interval * 1000, deadline - Date.now());
    if (wait <= 0) {
      throw new PlyError('PLY_VENDOR_JOB_TIMEOUT', `HarfangLab job ${job.id} (${job.action}) was not finished after ${ctx.config.job_timeout} s (${waiting} waiting, ${running} running, ${injecting} injecting of ${total})`, {
        details: { job: job.id, action: job.action, timeoutSeconds: ctx.config.job_timeout, waiting, running, injecting, total },
      });
    }
    await sleep(wait, ctx.signal);
  }
}

/** Pages through a DRF list (`{results, next}`), following `next` URLs, up to `maxPages` pages. */
export async function allResults(ctx: Context, path: string, query: Record<string, string | number>, maxPages = 1000): Promise<Array<Record<string, unknown>>> {
  const results: Array<Record<string, unknown>> = [];
  let next: { path: string; query?: Record<string, string | number> } | undefined = { path, query };
  for (let page = 0; next && page < maxPages; page += 1) {
    const body: { results?: unknown; next?: unknown } | undefined = (await harfanglab.request(ctx, next.query ? { path: next.path, query: next.query } : { path: next.path })).body as { results?: unknown; next?: unknown } | undefined;
    if (!Array.isArray(body?.results)) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `HarfangLab answered ${path} without a results list`);
    results.push(...(body.results as Array<Record<string, unknown>>));
    next = typeof body.next === 'string' && body.next !== '' ? { path: new URL(body.next, ctx.config.url).href } : undefined;
    if (page + 1 === maxPages && next) ctx.log.warn('HarfangLab results past the read bound were left', { path, results: results.length });
  }
  return results;
}
