import { z } from 'zod';
import { sekoia } from '../module.js';
import { caseCommentSchema } from '../schemas/case.schema.js';

export const commentCase = sekoia.restAction({
  uuid: '0fcabc04-43b4-4564-b9b2-08b80e0e1ecf',
  slug: 'comment_case',
  name: 'Comment case',
  description: 'Add a new comment to a case',
  docker_parameters: 'post_comment_to_a_case',
  group: 'Setters',
  method: 'POST',
  path: 'v1/sic/cases/{uuid}/comments',
  arguments: z.object({ uuid: z.string().describe('UUID of the case'), content: z.string().describe('Content of the comment') }).meta({ title: 'Arguments' }),
  results: caseCommentSchema,
  notFound: (args) => `case ${args.uuid}`,
});
