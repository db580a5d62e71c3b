import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PlyError } from '@ply/core';
import { z } from 'zod';
import { theHive } from './module.js';
import { outputAttachmentSchema } from './schemas/attachment.schema.js';
import { theHiveRequest } from './thehive-client.js';

/** A multipart/form-data body (RFC 7578) with the file as `attachments` and `canRename`, as thehive4py sends it. */
async function attachmentForm(name: string, content: Uint8Array): Promise<{ body: Uint8Array; contentType: string }> {
  const form = new FormData();
  form.append('attachments', new Blob([new Uint8Array(content)], { type: 'application/octet-stream' }), name);
  form.append('canRename', 'true');
  const encoded = new Request('http://form.invalid/', { method: 'POST', body: form });
  return { body: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}

/**
 * Upload logs: a file of the run's data folder (`filepath`, as the reference reads it from its data
 * path) attached to the alert with `POST api/v1/alert/{alert_id}/attachments`.
 */
export const uploadLogs = theHive.action({
  uuid: '4b5db174-6e63-4ba9-89c6-d7ffe6df89f4',
  slug: 'upload_logs_in_the_hive_v5',
  name: 'Upload logs to an alert in The Hive v5',
  description: 'Attach a file of the run (logs, events) to an alert of The Hive v5',
  docker_parameters: 'thehive_upload_logs',
  group: 'Third-party applications',
  arguments: z
    .object({
      alert_id: z.string().describe('The id of the alert you want to upload logs to. For instance: ~12345'),
      filepath: z.string().describe('The file to be added to the alert as attachment'),
    })
    .meta({ title: 'Arguments' }),
  results: z.looseObject({ outputAttachment: z.array(outputAttachmentSchema).optional().describe('The attachments TheHive stored') }).meta({ title: 'Results' }),
  async run(ctx, args) {
    let content: Uint8Array;
    try {
      content = await readFile(ctx.files.resolve(args.filepath));
    } catch (error) {
      if (error instanceof PlyError) throw error;
      throw new PlyError('PLY_ARGUMENTS_INVALID', `file not found in the run's data folder: ${args.filepath}`, { details: { issues: [{ pointer: '/filepath', message: 'no such file' }] } });
    }
    const { body, contentType } = await attachmentForm(basename(args.filepath), content);
    const answer = await theHiveRequest<{ attachments?: unknown[] }>(ctx, `api/v1/alert/${encodeURIComponent(args.alert_id)}/attachments`, { method: 'POST', body, headers: { 'content-type': contentType } });
    const attachments = Array.isArray(answer?.attachments) ? answer.attachments : [];
    ctx.log.info('logs uploaded', { alert: args.alert_id, bytes: content.byteLength, attachments: attachments.length });
    return { outputAttachment: attachments as Array<z.input<typeof outputAttachmentSchema>> };
  },
});
