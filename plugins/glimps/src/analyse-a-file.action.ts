import { z } from 'zod';
import { glimps } from './module.js';
import { submitArguments, submitFile } from './submission.js';

/** Analyse a file: submits a file of the run to GLIMPS Detect and returns its analysis uuid. */
export const analyseAFileAction = glimps.action({
  uuid: '04c3192f-532c-506d-ae0d-452b64d8718d',
  slug: 'analyse_a_file',
  name: 'Analyse a file',
  description: 'Submit file to Glimps Detect to be analysed',
  docker_parameters: 'SubmitFile',
  arguments: z.object(submitArguments).meta({ title: 'SubmitArgument' }),
  results: z
    .looseObject({
      status: z.boolean().optional().describe('False means that an error occured'),
      uuid: z.string().optional().describe('UUID of the submitted analysis'),
    })
    .meta({ title: 'SubmitResponse' }),
  timeoutMs: (args) => (args.push_timeout + 30) * 1000,
  run: (ctx, args) => submitFile(ctx, args),
});
