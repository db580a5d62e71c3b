import { defineAction } from '@ply/core';
import { z } from 'zod';
import { ALERT_STATUS_NAMES, STATUS_ACTION_UUIDS } from './alert-status.js';
import { sekoiaApiOf } from './endpoint-call.js';
import { workflowActionsSchema, type WorkflowActions } from './workflow-actions.schema.js';

export const updateAlertStatusByName = defineAction({
  uuid: '0d7c41fe-7991-42f7-9a04-702754b9700a',
  slug: 'update_alert_status_by_name',
  name: 'Update Alert Status by name',
  description: 'Triggers an action on an alert to update its status by name',
  group: 'Setters',
  arguments: z
    .object({
      uuid: z.string().min(1).describe('The UUID of the alert to update'),
      status: z.enum(ALERT_STATUS_NAMES).describe('Name of the status to update the alert to'),
      comment: z.string().nullable().optional().describe('A comment to describe why the alert status has changed'),
    })
    .meta({ title: 'trigger_status_update_action_on_the_alert_workflow' }),
  results: workflowActionsSchema,
  async run(ctx, args) {
    const body: Record<string, unknown> = { action_uuid: STATUS_ACTION_UUIDS[args.status] };
    if (args.comment !== undefined) body['comment'] = args.comment;
    return sekoiaApiOf(ctx).request<WorkflowActions>(`v1/sic/alerts/${encodeURIComponent(args.uuid)}/workflow`, { method: 'PATCH', json: body, idempotent: true });
  },
});
