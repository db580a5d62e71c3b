import { z } from 'zod';
import { sekoia } from '../module.js';
import { caseSchema } from '../schemas/case.schema.js';

export const getCase = sekoia.restAction({
  uuid: '0ecabc04-43b4-4564-b9b2-08b80e0e1ecf',
  slug: 'get_case',
  name: 'Get case',
  description: 'Retrieve the properties of a case',
  docker_parameters: 'get_case',
  group: 'Getters',
  method: 'GET',
  path: 'v1/sic/cases/{uuid}',
  arguments: z
    .object({
      uuid: z.string().describe('UUID of the case'),
      community_uuid: z.string().optional().describe('(Optional) Identifier of the community'),
      render: z.boolean().default(true).describe('(Optional) Render boolean'),
    })
    .meta({ title: 'Arguments' }),
  results: caseSchema,
  notFound: (args) => `case ${args.uuid}`,
});
