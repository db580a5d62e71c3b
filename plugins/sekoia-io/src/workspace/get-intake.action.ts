import { z } from 'zod';
import { auditFields } from '../schemas/audit-fields.js';
import { getter } from './getters.js';

export const getIntake = getter({
  uuid: '6b7a7ebc-d5a0-4886-ba09-d2aa5cd7608d',
  slug: 'get_intake',
  name: 'Get Intake',
  description: 'Retrieve an intake',
  docker: 'get-intakes/{uuid}',
  path: 'v1/sic/conf/intakes',
  key: 'uuid',
  title: 'get_intake',
  what: 'intake',
  results: z.looseObject({
    uuid: z.string().nullish(),
    name: z.string().nullish(),
    community_uuid: z.string().nullish(),
    format_uuid: z.string().nullish(),
    intake_key: z.string().nullish().describe('The key events are pushed with (the API returns it: treat these results as sensitive)'),
    ...auditFields,
    is_custom_format: z.boolean().nullish(),
    connector_configuration_uuid: z.string().nullish(),
    status: z.string().nullish(),
    entity: z.looseObject({}).nullish(),
  }),
});
