import { z } from 'zod';
import { serviceNow } from './module.js';
import { recordSchema, tableName } from './record.schema.js';

/**
 * The reference's Get Table (`GET table/{table_name}`), with the Table API's query parameters as
 * optional arguments. Without `max_pages` it makes one request, as the reference does; with it, it
 * follows the `Link: rel="next"` pages ServiceNow sends.
 */
export const getTable = serviceNow.restAction({
  uuid: '95c56514-9191-4284-8c22-3a8cae6999f8',
  slug: 'get_table',
  name: 'Get Table',
  description: 'Retrieve Service Now table',
  docker_parameters: 'servicenow_get_table',
  method: 'GET',
  path: 'table/{table_name}',
  arguments: z
    .object({
      table_name: tableName.meta({ in: 'path' }),
      query: z.string().optional().meta({ in: 'query', name: 'sysparm_query' }).describe('Encoded query (e.g. active=true^priority=1^ORDERBYDESCsys_created_on)'),
      fields: z.string().optional().meta({ in: 'query', name: 'sysparm_fields' }).describe('Comma-separated fields to return (default: all)'),
      display_value: z.enum(['true', 'false', 'all']).optional().meta({ in: 'query', name: 'sysparm_display_value' }).describe('Field values as stored (false), as displayed (true) or both (all)'),
      exclude_reference_link: z.boolean().optional().meta({ in: 'query', name: 'sysparm_exclude_reference_link' }).describe('Leave the API links out of reference fields'),
      limit: z.number().int().min(1).max(10_000).optional().meta({ in: 'query', name: 'sysparm_limit' }).describe('Records per page'),
      max_pages: z.number().int().min(1).max(1000).default(1).meta({ in: 'none' }).describe('Pages to read at most (each of `limit` records)'),
    })
    .meta({ title: 'get_table' }),
  results: z.looseObject({ result: z.array(recordSchema).describe('The records') }),
  paging: { kind: 'link', items: 'result', maxPages: (args) => args.max_pages },
  notFound: (args) => `table ${args.table_name}`,
});
