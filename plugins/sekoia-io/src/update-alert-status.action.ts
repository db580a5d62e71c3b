import { defineAction } from '@ply/core';
import { z } from 'zod';
import { callEndpoint } from './endpoint-call.js';
import { workflowActionsSchema, type WorkflowActions } from './workflow-actions.schema.js';

export const updateAlertStatus = defineAction({
  uuid: 'c4b84449-a26f-4f18-bde4-33efa921f4d4',
  slug: 'update_alert_status',
  name: 'Update Alert Status',
  description: 'Triggers an action on an alert to update its status',
  group: 'Setters',
  arguments: z
    .object({
      uuid: z.string().min(1).describe('UUID or short id of the alert'),
      action_uuid: z.string().min(1).describe('UUID of the action to trigger'),
      comment: z.string().nullable().optional().describe('a comment to describe why the alert status has changed'),
    })
    .meta({ title: 'trigger_an_action_on_the_alert_workflow' }),
  results: workflowActionsSchema,
  run: async (ctx, args) => (await callEndpoint(ctx, { method: 'PATCH', path: 'v1/sic/alerts/{uuid}/workflow', idempotent: true }, args)) as WorkflowActions,
});
