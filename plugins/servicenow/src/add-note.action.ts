import { z } from 'zod';
import { serviceNow } from './module.js';
import { oneRecordResult, sysId, tableName } from './record.schema.js';

/**
 * A work note (seen by the team) or a comment (seen by the caller) on a task record: ServiceNow
 * takes both as writes of the journal fields `work_notes` and `comments`. Not retried after a 5xx:
 * a second write would add the note twice.
 */
export const addNote = serviceNow.restAction({
  uuid: '37e2911c-961a-4c73-a642-a96e048e2e5f',
  slug: 'add_note',
  name: 'Add Work Note or Comment',
  description: 'Add a work note or a comment to a ServiceNow incident or task',
  docker_parameters: 'servicenow_add_note',
  method: 'PATCH',
  path: 'table/{table_name}/{sys_id}',
  arguments: z
    .object({
      table_name: tableName.default('incident'),
      sys_id: sysId,
      text: z.string().min(1).describe('The note'),
      kind: z.enum(['work_note', 'comment']).default('work_note').describe('work_note (internal) or comment (visible to the caller)'),
    })
    .meta({ title: 'add_note' }),
  results: oneRecordResult,
  body: (args) => ({ [args.kind === 'comment' ? 'comments' : 'work_notes']: args.text }),
  notFound: (args) => `record ${args.sys_id} of table ${args.table_name}`,
});
