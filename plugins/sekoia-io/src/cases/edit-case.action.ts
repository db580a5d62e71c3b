import { z } from 'zod';
import { sekoia } from '../module.js';
import { caseSchema } from '../schemas/case.schema.js';
import { caseFields } from './case-fields.js';

export const editCase = sekoia.restAction({
  uuid: '0dcabc04-43b4-4564-b9b2-08b80e0e1ecf',
  slug: 'edit_case',
  name: 'Edit case',
  description: 'Edit the properties of a case',
  docker_parameters: 'update_case',
  group: 'Setters',
  method: 'PATCH',
  path: 'v1/sic/cases/{uuid}',
  arguments: z.object({ uuid: z.string().describe('UUID of the case'), ...caseFields, title: caseFields.title.optional() }).meta({ title: 'Arguments' }),
  results: caseSchema,
  notFound: (args) => `case ${args.uuid}`,
});
