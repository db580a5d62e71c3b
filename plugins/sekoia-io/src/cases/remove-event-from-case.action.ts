import { z } from 'zod';
import { sekoia } from '../module.js';

export const removeEventFromCase = sekoia.restAction({
  uuid: '1104fb84-780a-44b3-8bd8-13aa3f5416c0',
  slug: 'remove_event_from_case',
  name: 'Remove event from case',
  description: 'Remove an event from a case',
  docker_parameters: 'remove_event_from_case',
  group: 'Setters',
  method: 'DELETE',
  path: 'v1/sic/cases/{case_uuid}/events/{event_id}',
  arguments: z.object({ case_uuid: z.string(), event_id: z.string() }).meta({ title: 'remove_event_from_case' }),
  results: z.looseObject({}),
  notFound: (args) => `event ${args.event_id} of case ${args.case_uuid}`,
});
