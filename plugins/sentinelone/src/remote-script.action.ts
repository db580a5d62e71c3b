import { PlyError } from '@ply/core';
import { z } from 'zod';
import { apiFilter, filterFields } from './filters.js';
import { waitForJob } from './job-wait.js';
import { sentinelone } from './module.js';

const { ids, account_ids, group_ids, site_ids, query } = filterFields;

const statusSchema = z.looseObject({
  data: z.array(z.looseObject({ parentTaskId: z.string().optional(), status: z.string(), detailedStatus: z.string().nullish(), agentId: z.string().optional(), siteId: z.string().optional(), scriptResultsSignature: z.string().nullish() })),
});

type Results = { status: 'succeed' | 'canceled' | 'failed' | 'timeout'; status_reason: string; result_file: { download_url?: string | undefined } | null };

/**
 * `POST remote-scripts/execute`, then `GET remote-scripts/status?parent_task_id=` until the task is
 * completed, failed or canceled, then `GET remote-scripts/fetch-file` for the result's download URL
 * (the reference's flow). A task still running after `timeout` seconds answers `status: "timeout"`
 * naming the task.
 */
export const executeRemoteScriptAction = sentinelone.action({
  uuid: 'a763b09c-ceb7-41f8-aa13-58a8caac8296',
  slug: 'execute_remote_script',
  name: 'Execute a remote script',
  description: 'Execute a remote script and get the results',
  docker_parameters: 'sentinelone_rso_execute',
  arguments: z
    .object({
      script_id: z.string().min(1).describe('The identifier of the script to identify'),
      output_destination: z.enum(['SentinelCloud', 'Local', 'None']).meta({ default: 'SentinelCloud' }).describe('The destination of the result'),
      task_description: z.string().describe('A short description of the task'),
      timeout: z.int().positive().meta({ default: 300 }).describe('The maximum time, in seconds, the execution should be processed in (default: 300s)'),
      settings: z
        .object({
          inputParams: z.string().optional().describe('The arguments for the remote script'),
          password: z.string().optional().meta({ secret: true }).describe('The password to encrypt the result (for cloud destination)'),
          outputDirectory: z.string().optional().describe('The destination directory for the result (for local destination)'),
          scriptRuntimeTimeoutSeconds: z.int().positive().optional().describe('The maximum time, in seconds, the remote script should run (default: same value than timeout)'),
        })
        .optional()
        .describe('The settings to forward the remote script'),
      filters: z.object({ ids, account_ids, group_ids, site_ids, query }).optional().describe('Filters to select the agents that will run the remote script'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .object({
      status: z.enum(['succeed', 'canceled', 'failed', 'timeout']).describe('The status of the run'),
      status_reason: z.string().describe('The reason of the status'),
      result_file: z.object({ download_url: z.string().optional().describe('The url to download the result') }).nullable().describe('The url to download the result (for cloud destination)'),
    })
    .meta({ title: 'Results' }),
  async run(ctx, args): Promise<Results> {
    const data = { ...args.settings, scriptId: args.script_id, outputDestination: args.output_destination, taskDescription: args.task_description, scriptRuntimeTimeoutSeconds: args.settings?.scriptRuntimeTimeoutSeconds ?? args.timeout };
    const started = await sentinelone.request(ctx, { method: 'POST', path: 'remote-scripts/execute', json: { data, filter: apiFilter(args.filters) }, notFound: `script ${args.script_id}` });
    const taskId = (started.body as { data?: { parentTaskId?: unknown } } | undefined)?.data?.parentTaskId;
    if (typeof taskId !== 'string') throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'SentinelOne answered remote-scripts/execute without data.parentTaskId');
    ctx.log.info('remote script started', { task: taskId });
    const outcome = await waitForJob(ctx, args.timeout, async () => {
      const answer = statusSchema.safeParse((await sentinelone.request(ctx, { path: 'remote-scripts/status', query: { parent_task_id: taskId }, notFound: `remote script task ${taskId}` })).body);
      if (!answer.success) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `SentinelOne answered remote-scripts/status of task ${taskId} without its executions`);
      const execution = answer.data.data.find((entry) => entry.parentTaskId === undefined || entry.parentTaskId === taskId);
      const status = execution?.status.toLowerCase() ?? 'pending';
      return ['completed', 'failed', 'canceled'].includes(status) ? { done: true, value: execution! } : { done: false, state: status };
    });
    if ('timedOut' in outcome) return { status: 'timeout', status_reason: `remote script task ${taskId} was not finished after ${args.timeout} s (last status: ${outcome.state})`, result_file: null };
    const execution = outcome.value;
    const status = execution.status.toLowerCase();
    if (status !== 'completed') return { status: status === 'failed' ? 'failed' : 'canceled', status_reason: execution.detailedStatus ?? `remote script task ${taskId} ${status}`, result_file: null };
    const file = await sentinelone.request(ctx, {
      path: 'remote-scripts/fetch-file',
      query: { agentId: execution.agentId, siteId: execution.siteId, signature: execution.scriptResultsSignature ?? undefined, signatureType: 'SHA256' },
      notFound: `result file of remote script task ${taskId}`,
    });
    const url = (file.body as { data?: { downloadUrl?: unknown } } | undefined)?.data?.downloadUrl;
    return { status: 'succeed', status_reason: 'The remote script was successfully executed', result_file: typeof url === 'string' ? { download_url: url } : {} };
  },
});
