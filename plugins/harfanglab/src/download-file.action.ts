import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { PlyError, sleep } from '@ply/core';
import { z } from 'zod';
import { triggerJob, waitForJob } from './job-batch.js';
import { harfanglab } from './module.js';

/** HarfangLab aggregates the artefact of a finished job within seconds: the reference waits up to 30 s for it. */
const ARTEFACT_WAIT_SECONDS = 30;

const artefactsSchema = z.looseObject({
  count: z.int(),
  results: z.array(z.looseObject({ job_id: z.string().optional(), agent: z.looseObject({ agentid: z.string().optional() }).optional(), download_status: z.int().optional(), sha256: z.string().optional() })),
});

/**
 * A `downloadFile` job on the agent, its completion, its artefact (`GET
 * api/data/investigation/artefact/Artefact/?job_id=&agent_id=`), then the file (`GET
 * api/data/telemetry/Binary/download/{sha256}/`), checked against its SHA-256 and written to the
 * run's data folder under that digest.
 */
export const downloadFileAction = harfanglab.action({
  uuid: '10906548-7003-4316-914a-1203a690730d',
  slug: 'download_file_from_endpoint',
  name: 'Download File from Endpoint',
  description: 'Download an arbitrary file from an HarfangLab endpoint',
  docker_parameters: 'harfanglab_download_file_from_endpoint',
  arguments: z
    .object({
      id: z.string().min(1).describe('Identifier of the endpoint agent'),
      path: z.string().min(1).describe('Absolute path to the file to download from the endpoint'),
    })
    .meta({ title: 'Arguments' }),
  results: z.object({ path: z.string().describe("Downloaded file's path") }).meta({ title: 'Results' }),
  async run(ctx, args) {
    const job = await triggerJob(ctx, { agent_ids: [args.id] }, 'downloadFile', [{ filename: args.path }]);
    await waitForJob(ctx, job);
    const deadline = Date.now() + ARTEFACT_WAIT_SECONDS * 1000;
    let artefact: z.output<typeof artefactsSchema>['results'][number] | undefined;
    while (!artefact) {
      const answer = artefactsSchema.safeParse((await harfanglab.request(ctx, { path: 'api/data/investigation/artefact/Artefact/', query: { job_id: job.id, agent_id: args.id } })).body);
      if (!answer.success) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `HarfangLab answered the artefacts of job ${job.id} without count and results`);
      if (answer.data.count > 1) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `HarfangLab answered ${answer.data.count} artefacts for job ${job.id}, one expected`);
      artefact = answer.data.results[0];
      if (artefact) break;
      const wait = Math.min(ctx.config.job_poll_interval * 1000, deadline - Date.now());
      if (wait <= 0) throw new PlyError('PLY_VENDOR_JOB_TIMEOUT', `HarfangLab job ${job.id} (downloadFile) left no artefact after ${ARTEFACT_WAIT_SECONDS} s`, { details: { job: job.id, timeoutSeconds: ARTEFACT_WAIT_SECONDS } });
      await sleep(wait, ctx.signal);
    }
    if (artefact.job_id !== undefined && artefact.job_id !== job.id) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `HarfangLab answered the artefact of job ${artefact.job_id} for job ${job.id}`);
    if (artefact.download_status !== 0) throw new PlyError('PLY_VENDOR_JOB_FAILED', `HarfangLab could not download ${args.path} on agent ${args.id} (job ${job.id}, download status ${String(artefact.download_status)}): does the file exist on the endpoint?`, { details: { job: job.id, downloadStatus: artefact.download_status } });
    const sha256 = artefact.sha256;
    if (!sha256 || !/^[0-9a-f]{64}$/i.test(sha256)) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `HarfangLab answered the artefact of job ${job.id} without a SHA-256`);
    const file = await harfanglab.request(ctx, { path: `api/data/telemetry/Binary/download/${sha256}/`, responseType: 'bytes', notFound: `file ${sha256}` });
    const content = file.body as Uint8Array;
    const digest = createHash('sha256').update(content).digest('hex');
    if (digest !== sha256.toLowerCase()) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `the file HarfangLab sent for job ${job.id} has SHA-256 ${digest}, not ${sha256}`);
    await writeFile(ctx.files.resolve(sha256), content);
    return { path: sha256 };
  },
});
