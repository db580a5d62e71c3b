import { z } from 'zod';
import { sekoia } from '../module.js';
import { caseSchema } from '../schemas/case.schema.js';

export const searchCases = sekoia.restAction({
  uuid: 'ac749619-3763-4029-b276-d13d9df9824f',
  slug: 'search_cases',
  name: 'Search Cases',
  description: 'find cases that match your filters',
  docker_parameters: 'list_cases',
  group: 'Getters',
  method: 'GET',
  path: 'v1/sic/cases',
  arguments: z
    .object({
      'match[community_uuid]': z.string().optional(),
      'match[status_uuid]': z.string().optional(),
      'match[status_name]': z.string().optional(),
      'date[created_at]': z.string().optional(),
      'match[created_by]': z.string().optional(),
      'match[tags]': z.string().optional(),
      'match[assignees]': z.string().optional(),
      limit: z.int().min(1).max(100).default(20),
      offset: z.int().optional(),
      sort: z.string().optional(),
      direction: z.string().optional(),
    })
    .meta({ title: 'list_cases' }),
  results: z.looseObject({ total: z.number().nullish(), has_more: z.boolean().nullish(), items: z.array(caseSchema).nullish() }),
});
