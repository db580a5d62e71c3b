import { PlyError, sleep } from '@ply/core';
import { z } from 'zod';
import { analysisByUuid } from './analysis-lookup.js';
import { analysisResponseSchema } from './analysis.schema.js';
import { glimps } from './module.js';
import { submitArguments, submitFile } from './submission.js';

/**
 * Analyse a file and wait for result: submits the file, then asks for its analysis every
 * `pull_time` seconds until it is done, for at most `timeout` seconds (default 180, GLIMPS's
 * usual analysis time with room to spare), saying which analysis it waited for when it gives up.
 */
export const analyseAFileAndWaitAction = glimps.action({
  uuid: '6836a5fb-5ded-55ee-aca1-c6a3d080c49b',
  slug: 'analyse_a_file_and_wait_for_result',
  name: 'Analyse a file and wait for result',
  description: 'Submit file to Glimps Detect to be analysed and wait for its results',
  docker_parameters: 'WaitForFile',
  arguments: z
    .object({
      ...submitArguments,
      pull_time: z.number().positive().default(1.0).describe('Time to wait (in seconds) between each requests to get a result'),
      timeout: z.number().positive().default(180).describe('Maximum time (in seconds) to wait for the analysis to end'),
    })
    .meta({ title: 'WaitForResultArgument' }),
  results: analysisResponseSchema,
  // The run lasts as long as the wait asked for, the submission and a last answer included.
  timeoutMs: (args) => (args.push_timeout + args.timeout + 30) * 1000,
  async run(ctx, args) {
    const started = Date.now();
    const { uuid } = await submitFile(ctx, args);
    for (let polls = 1; ; polls += 1) {
      const response = await analysisByUuid(ctx, uuid);
      if (response.analysis.done) {
        ctx.log.info('GLIMPS analysis done', { uuid, polls, is_malware: response.analysis.is_malware });
        return response;
      }
      if (Date.now() - started >= args.timeout * 1000) {
        throw new PlyError('PLY_VENDOR_JOB_TIMEOUT', `GLIMPS analysis ${uuid} was not done after ${args.timeout} s (${polls} polls)`, { details: { uuid, timeoutSeconds: args.timeout, polls } });
      }
      await sleep(args.pull_time * 1000, ctx.signal);
    }
  },
});
