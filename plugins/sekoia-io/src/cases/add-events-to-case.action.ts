import { z } from 'zod';
import { sekoia } from '../module.js';

export const addEventsToCase = sekoia.restAction({
  uuid: '0bcabc04-43b4-4564-b9b2-08b80e0e1ecf',
  slug: 'add_events_to_case',
  name: 'Add events to a case',
  description: 'Add events to a case',
  docker_parameters: 'add_events_to_a_case',
  group: 'Setters',
  method: 'POST',
  path: 'v1/sic/cases/{uuid}/events',
  arguments: z
    .object({
      uuid: z.string().describe('UUID or short_id of the case to update'),
      event_ids: z.array(z.unknown()).describe('List of event identifiers (__event_id) to add to the case. Do not use event.id which is a different identifier'),
    })
    .meta({ title: 'Arguments' }),
  results: z.looseObject({}),
  notFound: (args) => `case ${args.uuid}`,
});
