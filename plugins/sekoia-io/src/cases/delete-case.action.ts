import { z } from 'zod';
import { sekoia } from '../module.js';

export const deleteCase = sekoia.restAction({
  uuid: 'a5cf38d6-9f36-4027-98e9-5fa1d2b2b9af',
  slug: 'delete_case',
  name: 'Delete Case',
  description: 'Delete a case',
  docker_parameters: 'delete-case/{case_uuid}',
  group: 'Setters',
  method: 'DELETE',
  path: 'v1/sic/cases/{case_uuid}',
  arguments: z.object({ case_uuid: z.string() }).meta({ title: 'delete_case' }),
  results: z.looseObject({}),
  notFound: (args) => `case ${args.case_uuid}`,
});
