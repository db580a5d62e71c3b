import { PlyError, type ActionContext } from '@ply/core';
import { z } from 'zod';
import type { GlimpsConfiguration } from './configuration.js';
import { fileForm } from './file-upload.js';
import { glimpsCall, jsonAnswer } from './glimps-call.js';

/** The submission arguments of the reference (pydantic's `SubmitArgument`), with its defaults. */
export const submitArguments = {
  file_name: z.string().min(1).describe("Name of submitted file (a file of the run's data folder)"),
  bypass_cache: z.boolean().default(false).describe('If true, file is analyzed, even if a result already exists'),
  user_tags: z.array(z.unknown()).default([]).describe('Analysis will be tagged with those tags'),
  description: z.string().optional().describe('Description added to the analysis'),
  archive_pwd: z.string().optional().meta({ secret: true }).describe('Password used to extract archive'),
  push_timeout: z.number().positive().default(30).describe('Maximum time (in seconds) to wait for a response when submitting file'),
};

export interface Submission {
  file_name: string;
  bypass_cache: boolean;
  user_tags: unknown[];
  description?: string | undefined;
  archive_pwd?: string | undefined;
  push_timeout: number;
}

/**
 * `POST api/lite/v2/submit`, the file as the `file` part of a multipart form and the options in
 * the query, as the GLIMPS client sends them (`bypass-cache=True|False`, `tags=a,b`, `description`,
 * `archive_password`). Resolves with the analysis uuid. Not retried on a 5xx or a timeout: a second
 * submission would start a second analysis.
 */
export async function submitFile(ctx: ActionContext<GlimpsConfiguration>, submission: Submission): Promise<{ status: boolean; uuid: string }> {
  const form = await fileForm(ctx, submission.file_name, '/file_name');
  const tags = submission.user_tags.map(String).filter((tag) => tag !== '');
  const { body } = await glimpsCall(ctx, {
    method: 'POST',
    path: 'api/lite/v2/submit',
    query: {
      'bypass-cache': submission.bypass_cache ? 'True' : 'False',
      ...(tags.length > 0 ? { tags: tags.join(',') } : {}),
      ...(submission.description ? { description: submission.description } : {}),
      ...(submission.archive_pwd ? { archive_password: submission.archive_pwd } : {}),
    },
    body: form,
    responseType: 'text',
    timeoutMs: submission.push_timeout * 1000,
    notFound: 'the submission endpoint',
  });
  const answer = jsonAnswer(body, 'the submission');
  if (typeof answer['uuid'] !== 'string' || answer['uuid'] === '') throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'GLIMPS accepted the submission without the uuid of its analysis');
  ctx.log.info('file submitted to GLIMPS', { uuid: answer['uuid'], bytes: form.size });
  return { status: answer['status'] !== false, uuid: answer['uuid'] };
}
