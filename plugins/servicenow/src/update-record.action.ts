import { z } from 'zod';
import { serviceNow } from './module.js';
import { oneRecordResult, sysId, tableName } from './record.schema.js';

/** Sets fields of one record (`PATCH table/{table}/{sys_id}`): setting values again changes nothing, so it is retried safely. */
export const updateRecord = serviceNow.restAction({
  uuid: 'a4e0db82-da3e-4f2f-ad62-6fe6e4c0c1a3',
  slug: 'update_record',
  name: 'Update Record',
  description: 'Set fields of a ServiceNow record',
  docker_parameters: 'servicenow_update_record',
  method: 'PATCH',
  path: 'table/{table_name}/{sys_id}',
  arguments: z
    .object({
      table_name: tableName,
      sys_id: sysId,
      fields: z.record(z.string(), z.unknown()).refine((fields) => Object.keys(fields).length > 0, 'give at least one field').describe('The fields to set, by name'),
    })
    .meta({ title: 'update_record' }),
  results: oneRecordResult,
  idempotent: true,
  body: (args) => args.fields,
  notFound: (args) => `record ${args.sys_id} of table ${args.table_name}`,
});
