import { PlyError } from '@ply/core';
import { z } from 'zod';
import { fileForm } from './file-upload.js';
import { glimpsCall, jsonAnswer } from './glimps-call.js';
import { glimps } from './module.js';

/** The deprecated submission's limit, as the reference enforced it. */
const MAX_BYTES = 40_000_000;

/**
 * `POST api/lite/v2/submit?bypass-cache=`: the reference's deprecated submission, the file of the
 * run named by `file`, its answer as GLIMPS gives it. Files over 40 MB are refused, as the
 * reference refused them.
 */
export const deprecatedSubmitFileAction = glimps.action({
  uuid: '8c7a4d68-e8b1-4c28-964e-c7a93e7a6e19',
  slug: 'submit_a_file_to_be_analysed',
  name: '[Deprecated] Analyse a file',
  description: "Deprecated: use Analyse a file. Submits a file of the run's data folder to GLIMPS Detect.",
  docker_parameters: 'post-submit',
  arguments: z
    .object({
      'bypass-cache': z.boolean().optional().meta({ in: 'query' }).describe('ask the API to bypass cache and always submit the file to the orchestrator (optional)'),
      // Optional in the reference's schema (its code then fails): required here by the run, with a clear error.
      file: z.string().min(1).optional().meta({ in: 'body' }).describe("The file to scan (a file of the run's data folder)"),
    })
    .meta({ title: 'Analyse a file' }),
  results: z.looseObject({
    error: z.string().optional().describe('string describing error'),
    status: z.boolean().describe('false => an error occurred'),
    uuid: z.string().optional().describe('Unique analysis identifier'),
  }),
  async run(ctx, args) {
    if (args.file === undefined) throw new PlyError('PLY_ARGUMENTS_INVALID', 'give the file to scan: "file", a file of the run\'s data folder', { details: { issues: [{ pointer: '/file', message: 'is required' }] } });
    const form = await fileForm(ctx, args.file, '/file', MAX_BYTES);
    const bypass = args['bypass-cache'];
    const { body } = await glimpsCall(ctx, {
      method: 'POST',
      path: 'api/lite/v2/submit',
      ...(bypass === undefined ? {} : { query: { 'bypass-cache': bypass } }),
      body: form,
      responseType: 'text',
      notFound: 'the submission endpoint',
    });
    const answer = jsonAnswer(body, 'the submission');
    // `status` is the reference's one required result: false unless GLIMPS says true.
    return { ...answer, status: answer['status'] === true };
  },
});
