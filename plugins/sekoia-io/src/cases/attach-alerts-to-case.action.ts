import { z } from 'zod';
import { sekoia } from '../module.js';

export const attachAlertsToCase = sekoia.restAction({
  uuid: '186f5b43-2e79-4497-9eee-9e4f3ca54500',
  slug: 'attach_alerts_to_case',
  name: 'Attach Alerts to Case',
  description: 'Attach one or more alerts to a specific case',
  docker_parameters: 'patch-cases/{case_uuid}/alerts',
  group: 'Setters',
  method: 'PATCH',
  path: 'v1/sic/cases/{case_uuid}/alerts',
  arguments: z
    .object({
      case_uuid: z.string().describe('UUID or short_id of the case to update'),
      alerts: z.array(z.string().describe('UUID or short_id of the alert to attach to the case')).optional().describe('The list of identifiers (UUID or short_id) of alerts to add'),
    })
    .meta({ title: 'associate_new_alerts_on_a_case' }),
  results: z.looseObject({ status: z.string().nullish() }),
  notFound: (args) => `case ${args.case_uuid} (or one of its alerts)`,
});
