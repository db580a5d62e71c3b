import { z } from 'zod';
import { sekoia } from '../module.js';
import { caseSchema } from '../schemas/case.schema.js';
import { caseFields } from './case-fields.js';

export const createCase = sekoia.restAction({
  uuid: '0ccabc04-43b4-4564-b9b2-08b80e0e1ecf',
  slug: 'create_case',
  name: 'Create case',
  description: 'Creates a new case',
  docker_parameters: 'create_case',
  group: 'Setters',
  method: 'POST',
  path: 'v1/sic/cases',
  arguments: z
    .object({ ...caseFields, community_uuid: z.string().optional().describe('the identifier of the community to which the case is associated') })
    .meta({ title: 'Arguments' }),
  results: caseSchema,
});
