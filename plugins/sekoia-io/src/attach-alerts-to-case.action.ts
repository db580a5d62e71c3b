import { defineAction } from '@ply/core';
import { z } from 'zod';
import { callEndpoint } from './endpoint-call.js';

export const attachAlertsToCase = defineAction({
  uuid: '186f5b43-2e79-4497-9eee-9e4f3ca54500',
  slug: 'attach_alerts_to_case',
  name: 'Attach Alerts to Case',
  description: 'Attach one or more alerts to a specific case',
  group: 'Setters',
  arguments: z
    .object({
      case_uuid: z.string().min(1).describe('UUID or short_id of the case to update'),
      alerts: z.array(z.string().describe('UUID or short_id of the alert to attach to the case')).optional().describe('The list of identifiers (UUID or short_id) of alerts to add'),
    })
    .meta({ title: 'associate_new_alerts_on_a_case' }),
  results: z.looseObject({ status: z.string().optional() }),
  run: async (ctx, args) => (await callEndpoint(ctx, { method: 'PATCH', path: 'v1/sic/cases/{case_uuid}/alerts' }, args)) as { status?: string },
});
