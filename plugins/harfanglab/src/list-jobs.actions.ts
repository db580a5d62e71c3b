import { z } from 'zod';
import { allResults, jobTargets, triggerJob, waitForJob } from './job-batch.js';
import { harfanglab } from './module.js';

const targets = {
  target_agents: z.string().optional().describe('Targeted agents identifier'),
  target_groups: z.string().optional().describe('Targeted groups identifier'),
};
const processOptions = {
  get_connections_list: z.boolean().default(false).describe('Get list of connections (listening and connected sockets)'),
  get_handles_list: z.boolean().default(false).describe('Get list of open handles'),
  get_signatures_list: z.boolean().default(false).describe('Get signature info of processes and DLLs'),
};
const saveToFile = z.boolean().default(false).describe('Save results to file');

const triggeredResults = z
  .object({
    id: z.string().describe('Identifier of the job'),
    action: z.string().describe('Name of job action'),
    creationtime: z.string().describe('Creation date of the job'),
    parameters: z.looseObject({}).describe('Parameters of the job'),
  })
  .meta({ title: 'Results' });

const listResults = z
  .object({
    results: z.array(z.looseObject({})).optional().describe('The results'),
    file_path: z.string().optional().describe('Path of the file with results'),
  })
  .meta({ title: 'Results' });

type ProcessArgs = { get_connections_list: boolean; get_handles_list: boolean; get_signatures_list: boolean };
const processParameters = (args: ProcessArgs) => ({ getHandlesList: args.get_handles_list, getConnectionsList: args.get_connections_list, getSignaturesInfo: args.get_signatures_list });

export const listProcessesDeprecatedAction = harfanglab.action({
  uuid: '0ecd45f2-f99a-4af2-920d-39cbbe94b321',
  slug: 'list_processes',
  name: '[DEPRECATED] List processes',
  description: 'Get the list of processes on the systems (deprecated)',
  docker_parameters: 'harfanglab_get_process_list',
  arguments: z.object({ ...targets, ...processOptions }).meta({ title: 'Arguments' }),
  results: triggeredResults,
  run: (ctx, args) => triggerJob(ctx, jobTargets(args.target_agents, args.target_groups), 'getProcessList', processParameters(args)) as Promise<z.input<typeof triggeredResults>>,
});

export const listNamedPipesDeprecatedAction = harfanglab.action({
  uuid: 'a1151541-ab34-4d7c-80a1-b2e05f8e91ec',
  slug: 'list_named_pipes',
  name: '[DEPRECATED] List named pipes',
  description: 'Get the list of named pipe on the systems (deprecated)',
  docker_parameters: 'harfanglab_get_pipe_list',
  arguments: z.object(targets).meta({ title: 'Arguments' }),
  results: triggeredResults,
  run: (ctx, args) => triggerJob(ctx, jobTargets(args.target_agents, args.target_groups), 'getPipeList', {}) as Promise<z.input<typeof triggeredResults>>,
});

/** The job, its completion, then its results (`api/data/investigation/hunting/<kind>/?job_id=`, 50 a page), inline or in a file of the run. */
async function jobResults(ctx: Parameters<Parameters<typeof harfanglab.action>[0]['run']>[0], args: { target_agents?: string | undefined; target_groups?: string | undefined; save_to_file: boolean }, action: string, parameters: unknown, kind: 'Process' | 'Pipe') {
  const job = await triggerJob(ctx, jobTargets(args.target_agents, args.target_groups), action, parameters);
  await waitForJob(ctx, job);
  const results = await allResults(ctx, `api/data/investigation/hunting/${kind}/`, { job_id: job.id, limit: 50 });
  if (args.save_to_file) return { file_path: await ctx.files.writeJson(`${action}-${job.id}.json`, results) };
  return { results };
}

export const listProcessesAction = harfanglab.action({
  uuid: 'ccfa47aa-5a5c-4270-afb6-233d21fd5f58',
  slug: 'list_processes_v2',
  name: 'List processes',
  description: 'Get the list of processes on the systems',
  docker_parameters: 'harfanglab_get_process_list_v2',
  arguments: z.object({ ...targets, ...processOptions, save_to_file: saveToFile }).meta({ title: 'Arguments' }),
  results: listResults,
  run: (ctx, args) => jobResults(ctx, args, 'getProcessList', processParameters(args), 'Process'),
});

/**
 * The reference gives this item the slug of the deprecated one (`list_named_pipes`); slugs name
 * the item's file and must be unique per kind, so it is `list_named_pipes_v2` here (its uuid and
 * `docker_parameters` are the reference's: playbooks bind to those).
 */
export const listNamedPipesAction = harfanglab.action({
  uuid: '72125e25-a643-4f92-9f3e-fccc16e719ea',
  slug: 'list_named_pipes_v2',
  name: 'List named pipes',
  description: 'Get the list of named pipe on the systems',
  docker_parameters: 'harfanglab_get_pipe_list_v2',
  arguments: z.object({ ...targets, save_to_file: saveToFile }).meta({ title: 'Arguments' }),
  results: listResults,
  run: (ctx, args) => jobResults(ctx, args, 'getPipeList', {}, 'Pipe'),
});
