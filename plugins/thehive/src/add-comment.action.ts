import { z } from 'zod';
import { theHive } from './module.js';
import { outputCommentSchema } from './schemas/comment.schema.js';

export const addComment = theHive.restAction({
  uuid: '006931ed-34d7-4959-a6ee-92d83f17b501',
  slug: 'add_a_comment_in_the_hive_v5',
  name: 'Add a comment in The Hive v5',
  description: 'Action to add a comment in The Hive v5',
  docker_parameters: 'thehive_add_comment',
  group: 'Third-party applications',
  method: 'POST',
  path: 'api/v1/alert/{alert_id}/comment',
  arguments: z
    .object({
      alert_id: z.string().describe("The id of the alert you want to add a comment to. For instance: ~12345"),
      message: z.string().describe("A message to be added as an alert's comment"),
    })
    .meta({ title: 'Arguments' }),
  results: outputCommentSchema,
  notFound: (args) => `alert ${args.alert_id}`,
});
