import { PlyError } from '@ply/core';
import { z } from 'zod';
import { sekoia } from '../module.js';
import { SekoiaApi } from '../sekoia-api.js';
import { workflowActionsSchema } from '../schemas/workflow-actions.schema.js';
import { ALERT_STATUS_NAMES, statusActionUuid } from './alert-status.js';

/**
 * Hand-written: the status name becomes a workflow action uuid before the PATCH. As the reference,
 * any case is accepted (`closed`, `CLOSED`) and so are the raw uuids of the workflow actions.
 */
export const updateAlertStatusByName = sekoia.action({
  uuid: '0d7c41fe-7991-42f7-9a04-702754b9700a',
  slug: 'update_alert_status_by_name',
  name: 'Update Alert Status by name',
  description: 'Triggers an action on an alert to update its status by name',
  docker_parameters: 'update-status-by-name',
  group: 'Setters',
  arguments: z
    .object({
      uuid: z.string().describe('The UUID of the alert to update'),
      status: z
        .union([z.enum(ALERT_STATUS_NAMES), z.string()])
        .describe('Name of the status to update the alert to (Pending, Acknowledged, Ongoing, Rejected, Closed, in any case), or a workflow action uuid'),
      comment: z.string().nullable().optional().describe('A comment to describe why the alert status has changed'),
    })
    .meta({ title: 'trigger_status_update_action_on_the_alert_workflow' }),
  results: workflowActionsSchema,
  async run(ctx, args) {
    const actionUuid = statusActionUuid(args.status);
    if (!actionUuid) {
      throw new PlyError('PLY_ARGUMENTS_INVALID', `status "${args.status}" is neither one of ${ALERT_STATUS_NAMES.join(', ')} nor a known workflow action uuid`, {
        details: { issues: [{ pointer: '/status', message: 'unknown status' }] },
      });
    }
    const api = SekoiaApi.fromModuleConfiguration(ctx.http, ctx.config);
    // The reference sends `comment` even when null.
    const body = { action_uuid: actionUuid, comment: args.comment ?? null };
    return api.request<z.input<typeof workflowActionsSchema>>(`v1/sic/alerts/${encodeURIComponent(args.uuid)}/workflow`, { method: 'PATCH', json: body, idempotent: true });
  },
});
