import { stat, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PlyError, type ActionContext } from '@ply/core';

/** A file of the run's data folder, as a multipart form (`file` field) ready to send. */
export interface FileForm {
  bytes: Uint8Array;
  contentType: string;
  size: number;
}

/**
 * Reads `name` (relative to the run's data folder; a path that leaves it is refused) into a
 * `multipart/form-data` body with one `file` part, as GLIMPS Detect's submit takes it. A file over
 * `maxBytes` is refused before anything is sent.
 */
export async function fileForm(ctx: ActionContext<unknown>, name: string, pointer: string, maxBytes?: number): Promise<FileForm> {
  const path = ctx.files.resolve(name);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new PlyError('PLY_FILE_REFERENCE_INVALID', `the file "${name}" is not in the run's data folder`, { details: { issues: [{ pointer, message: 'is not a file of the run' }] } });
  }
  if (maxBytes !== undefined && size > maxBytes) {
    throw new PlyError('PLY_ARGUMENTS_INVALID', `the file "${name}" has ${size} bytes, over the ${maxBytes} bytes GLIMPS takes`, { details: { issues: [{ pointer, message: `is larger than ${maxBytes} bytes` }] } });
  }
  const form = new FormData();
  form.append('file', new Blob([await readFile(path)]), basename(name));
  // The standard Request serialises the form with its boundary; the run's HTTP client then sends the bytes.
  const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
  return { bytes: new Uint8Array(await request.arrayBuffer()), contentType: request.headers.get('content-type')!, size };
}
