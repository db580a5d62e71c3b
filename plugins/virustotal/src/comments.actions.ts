import { PlyError } from '@ply/core';
import { z } from 'zod';
import { virustotal } from './module.js';
import { asRecord, v2Date } from './report-mapping.js';
import { urlIdentifier, vtRequest } from './vt-client.js';

const HASH = /^([0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/;

/** v2 took a hash or a URL as `resource`; v3 keeps comments under the file or the URL object. */
function commentsPath(resource: string): { path: string; what: string } {
  if (HASH.test(resource)) return { path: `files/${resource.toLowerCase()}/comments`, what: `file ${resource}` };
  if (/^https?:\/\//i.test(resource)) return { path: `urls/${urlIdentifier(resource)}/comments`, what: `URL ${resource}` };
  throw new PlyError('PLY_ARGUMENTS_INVALID', `resource "${resource}" is neither a hash (MD5, SHA-1, SHA-256) nor an http(s) URL`, { details: { issues: [{ pointer: '/resource', message: 'must be a hash or a URL' }] } });
}

/** v2 `comments/get` becomes v3 `GET files/{hash}/comments` or `GET urls/{id}/comments`. */
export const getCommentsAction = virustotal.action({
  uuid: '95111167-996a-428d-a6c7-081461d8b5c4',
  slug: 'get_comments',
  name: 'Get Comments',
  description: 'Get comments from Virus Total',
  docker_parameters: 'virustotal_get_comments',
  arguments: z.object({ resource: z.string().min(1).describe('The hash or url to get comments from') }).meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      response_code: z.int().optional().describe('Response Code'),
      verbose_msg: z.string().optional().describe('Textual description of the response code'),
      resource: z.string().optional().describe('Resource Identifier'),
      comments: z
        .array(z.looseObject({ date: z.string().optional().describe('Date of the comment'), comment: z.string().optional().describe('Content of the comment'), id: z.string().optional(), tags: z.array(z.string()).optional() }))
        .optional()
        .describe('List of comments'),
    })
    .meta({ title: 'Results' }),
  async run(ctx, args) {
    const { path, what } = commentsPath(args.resource);
    const answer = await vtRequest(ctx, { path, query: { limit: 40 }, what, notFoundIsAnswer: true });
    if (!answer) return { response_code: 0, verbose_msg: 'The requested resource is not among the finished, queued or pending scans', resource: args.resource, comments: [] };
    const data = Array.isArray(answer['data']) ? answer['data'] : [];
    const comments = data.map((entry) => {
      const attributes = asRecord(asRecord(entry)['attributes']);
      const tags = Array.isArray(attributes['tags']) ? attributes['tags'].filter((tag): tag is string => typeof tag === 'string') : undefined;
      return { ...(v2Date(attributes['date']) ? { date: v2Date(attributes['date']) } : {}), comment: typeof attributes['text'] === 'string' ? attributes['text'] : '', ...(typeof asRecord(entry)['id'] === 'string' ? { id: asRecord(entry)['id'] as string } : {}), ...(tags ? { tags } : {}) };
    });
    return { response_code: 1, verbose_msg: 'Comments retrieved', resource: args.resource, comments };
  },
});

/** v2 `comments/put` becomes v3 `POST files/{hash}/comments` (or the URL's) with a comment object. */
export const postCommentAction = virustotal.action({
  uuid: '52ad1995-960b-4606-bac4-91c64bab63f9',
  slug: 'post_comment',
  name: 'Post Comment',
  description: 'Post comment to Virus Total',
  docker_parameters: 'virustotal_post_comment',
  arguments: z.object({ comment: z.string().min(1).describe('The comment to post'), resource: z.string().min(1).describe('The hash or url to comment') }).meta({ title: 'Arguments' }),
  results: z
    .looseObject({
      response_code: z.int().optional().describe('Response Code'),
      verbose_msg: z.string().optional().describe('Textual description of the response code'),
      id: z.string().optional().describe('Identifier of the comment posted (Ply addition)'),
    })
    .meta({ title: 'Results' }),
  async run(ctx, args) {
    const { path, what } = commentsPath(args.resource);
    try {
      const answer = await vtRequest(ctx, { method: 'POST', path, json: { data: { type: 'comment', attributes: { text: args.comment } } }, what });
      const id = asRecord(answer?.['data'])['id'];
      return { response_code: 1, verbose_msg: 'Your comment was successfully posted', ...(typeof id === 'string' ? { id } : {}) };
    } catch (error) {
      // The reference raised DuplicateCommentError when v2 answered response_code 0.
      if (error instanceof PlyError && error.details['vendorCode'] === 'AlreadyExistsError') throw new PlyError('PLY_VENDOR_HTTP_ERROR', `Duplicate comment: VirusTotal already has this comment on ${what}`, { details: error.details });
      throw error;
    }
  },
});
