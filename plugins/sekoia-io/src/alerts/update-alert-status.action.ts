import { z } from 'zod';
import { sekoia } from '../module.js';
import { workflowActionsSchema } from '../schemas/workflow-actions.schema.js';

export const updateAlertStatus = sekoia.restAction({
  uuid: 'c4b84449-a26f-4f18-bde4-33efa921f4d4',
  slug: 'update_alert_status',
  name: 'Update Alert Status',
  description: 'Triggers an action on an alert to update its status',
  docker_parameters: 'patch-alerts/{uuid}/workflow',
  group: 'Setters',
  method: 'PATCH',
  path: 'v1/sic/alerts/{uuid}/workflow',
  arguments: z
    .object({
      uuid: z.string().describe('UUID or short id of the alert'),
      action_uuid: z.string().describe('UUID of the action to trigger'),
      comment: z.string().nullable().optional().describe('a comment to describe why the alert status has changed'),
    })
    .meta({ title: 'trigger_an_action_on_the_alert_workflow' }),
  results: workflowActionsSchema,
  // Moving an alert to a status twice leaves it in that status.
  idempotent: true,
  notFound: (args) => `alert ${args.uuid}`,
});
