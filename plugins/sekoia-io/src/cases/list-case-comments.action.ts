import { z } from 'zod';
import { sekoia } from '../module.js';
import { caseCommentSchema } from '../schemas/case.schema.js';

export const listCaseComments = sekoia.restAction({
  uuid: '03af92ec-7129-4e01-8ace-40c2d66095f5',
  slug: 'list_case_comments',
  name: 'List comments of a case',
  description: 'List all comments of a case',
  docker_parameters: 'list_case_comments',
  group: 'Getters',
  method: 'GET',
  path: 'v1/sic/cases/{case_uuid}/comments',
  arguments: z
    .object({
      case_uuid: z.string(),
      limit: z.int().min(1).max(100).default(20).describe('limit a number of items (allowed range is 1-100), default is 20.'),
      offset: z.int().min(0).default(0).describe('a number of items to skip, default is 0.'),
      'date[created_at]': z.string().optional().describe('Filter cases by their creation date (see rfc3339).'),
      'match[created_by]': z.string().optional().describe('Match cases by their creators'),
      sort: z.string().optional().describe("Sort returned comments (accepted values: 'created_at', 'created_by', 'updated_at')."),
      direction: z.string().optional().describe("Direction of the sort (accepted values: 'asc', 'desc')."),
    })
    .meta({ title: 'list_all_comments_of_a_case' }),
  results: z.looseObject({ items: z.array(caseCommentSchema).nullish(), total: z.number().nullish() }),
  notFound: (args) => `case ${args.case_uuid}`,
});
