import { z } from 'zod';

/**
 * A ServiceNow record as the Table API returns it: every field of the table, as strings, or as
 * `{ display_value, value, link }` objects with `sysparm_display_value=all` and for references.
 * Kept open: a results schema narrower than what the instance returns would fail a good run.
 */
export const recordSchema = z.looseObject({
  sys_id: z.string().optional().describe('Unique id of the record'),
});

/** `{ "result": <record> }`, the answer of a create, update or attach. */
export const oneRecordResult = z.looseObject({ result: recordSchema.describe('The record as stored') });

/** The table and record arguments shared by the record actions. */
export const tableName = z.string().min(1).regex(/^[A-Za-z0-9_]+$/, 'a table name is letters, digits and underscores').describe('Name of the table (incident, sys_user, cmdb_ci...)');
export const sysId = z.string().regex(/^[0-9a-f]{32}$/, 'a sys_id is 32 hexadecimal characters').describe('sys_id of the record');
