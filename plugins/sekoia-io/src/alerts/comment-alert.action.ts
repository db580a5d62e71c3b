import { z } from 'zod';
import { sekoia } from '../module.js';
import { alertCommentSchema } from '../schemas/alert.schema.js';

export const commentAlert = sekoia.restAction({
  uuid: '0d323de3-a864-4afe-a0c3-e7ff45883d7a',
  slug: 'comment_alert',
  name: 'Comment Alert',
  description: 'Attach a new comment on an Alert',
  docker_parameters: 'post-alerts/{uuid}/comments',
  group: 'Setters',
  method: 'POST',
  path: 'v1/sic/alerts/{uuid}/comments',
  arguments: z
    .object({
      uuid: z.string().describe('UUID or short id of the alert'),
      content: z.string().describe('Content of the comment'),
      author: z.string().max(32).optional().describe('Author of the comment'),
    })
    .meta({ title: 'post_a_comment_on_an_alert' }),
  results: alertCommentSchema,
  notFound: (args) => `alert ${args.uuid}`,
});
