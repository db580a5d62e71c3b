import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PlyError } from '@ply/core';
import { z } from 'zod';
import { restRootOf } from './configuration.js';
import { serviceNow } from './module.js';
import { oneRecordResult, sysId, tableName } from './record.schema.js';

/** Largest file sent (ServiceNow's default attachment limit is 1 GB; a playbook attaches evidence, not disks). */
const MAX_BYTES = 100 * 1024 * 1024;

/**
 * Attaches a file of the run's data folder to a record: `POST attachment/file?table_name=&table_sys_id=&file_name=`
 * with the file's bytes as the body (Attachment API). Hand-written: the body is a file, not JSON.
 */
export const attachFile = serviceNow.action({
  uuid: '1c6adea7-87af-4cb1-a8bd-144c4150b72f',
  slug: 'attach_file',
  name: 'Attach File',
  description: 'Attach a file of the playbook run to a ServiceNow record',
  docker_parameters: 'servicenow_attach_file',
  arguments: z
    .object({
      table_name: tableName.default('incident'),
      sys_id: sysId,
      file_path: z.string().min(1).describe("Path of the file in the run's data folder"),
      file_name: z.string().min(1).optional().describe('Name shown in ServiceNow (default: the file name)'),
      content_type: z.string().default('application/octet-stream').describe('MIME type of the file'),
    })
    .meta({ title: 'attach_file' }),
  results: oneRecordResult,
  async run(ctx, args) {
    const bytes = await readFile(ctx.files.resolve(args.file_path));
    if (bytes.length > MAX_BYTES) throw new PlyError('PLY_ARGUMENTS_INVALID', `file_path ${args.file_path} is ${bytes.length} bytes; at most ${MAX_BYTES} are attached`);
    const url = new URL('attachment/file', restRootOf(ctx.config.base_url));
    const authorization = `Basic ${Buffer.from(`${ctx.config.username}:${ctx.config.password}`).toString('base64')}`;
    const response = await ctx.http.request<z.input<typeof oneRecordResult>>(url, {
      method: 'POST',
      query: { table_name: args.table_name, table_sys_id: args.sys_id, file_name: args.file_name ?? basename(args.file_path) },
      headers: { authorization, 'content-type': args.content_type, accept: 'application/json' },
      body: bytes,
      responseType: 'json',
    });
    ctx.log.info('file attached', { table: args.table_name, bytes: bytes.length });
    return response.body;
  },
});
