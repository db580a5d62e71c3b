import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { PlyError, type ActionContext } from '@ply/core';
import { z } from 'zod';
import { waitForAnalysis } from './analysis-wait.js';
import type { VirusTotalConfiguration } from './configuration.js';
import { virustotal } from './module.js';
import { asRecord, fileAnalysisReport } from './report-mapping.js';
import { SCAN_OUTPUTS, fileReportSchema, thresholdArguments, thresholdOf } from './report.schema.js';
import { vtRequest } from './vt-client.js';

/** Files above this go through a one-time upload URL (https://docs.virustotal.com/reference/files-upload-url). */
export const DIRECT_UPLOAD_LIMIT = 32 * 1024 * 1024;
/** VirusTotal's upper bound on an upload. */
export const UPLOAD_LIMIT = 650 * 1024 * 1024;

/** A `multipart/form-data` body with one `file` part (RFC 7578), as `POST files` expects it. */
function multipart(name: string, content: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----ply${randomBytes(12).toString('hex')}`;
  const safeName = name.replace(/["\r\n\\]/g, '_');
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { body: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function uploadTarget(ctx: ActionContext<VirusTotalConfiguration>, size: number): Promise<string> {
  if (size <= DIRECT_UPLOAD_LIMIT) return 'files';
  const answer = await vtRequest(ctx, { path: 'files/upload_url' });
  const url = answer?.['data'];
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'VirusTotal answered files/upload_url without an upload URL');
  return url;
}

/**
 * v2 `file/scan` (or `file/scan/upload_url` above 32 MB) then `file/report` polls become v3
 * `POST files` (or the URL of `GET files/upload_url`), then `GET analyses/{id}` until completed.
 * `file` is a file of the run's data folder (a path relative to it). Hand-written: it uploads.
 */
export const scanFileAction = virustotal.action({
  uuid: '856ec762-609c-472a-8cf9-c170b2015a5d',
  slug: 'scan_file',
  name: 'Scan File',
  description: 'Scan file with Virus Total',
  docker_parameters: 'virustotal_scan_file',
  arguments: z.object({ file: z.string().min(1).describe('The file to scan'), ...thresholdArguments }).meta({ title: 'Arguments' }),
  results: fileReportSchema,
  outputs: SCAN_OUTPUTS('file'),
  selectOutputs: (results) => results.verdict,
  // The analysis wait (analysis_timeout) and the calls around it, paced at the account's rate.
  timeoutMs: (_args, config) => (config.analysis_timeout + 120) * 1000,
  async run(ctx, args) {
    const path = ctx.files.resolve(args.file);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (error) {
      throw new PlyError('PLY_FILE_REFERENCE_INVALID', `file "${args.file}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
    }
    if (size > UPLOAD_LIMIT) throw new PlyError('PLY_INVALID_INPUT', `file "${args.file}" is ${size} bytes: VirusTotal accepts files up to ${UPLOAD_LIMIT} bytes (650 MB)`);
    const target = await uploadTarget(ctx, size);
    const { body, contentType } = multipart(basename(args.file), await readFile(path));
    const answer = await vtRequest(ctx, { method: 'POST', path: target, body, contentType });
    const analysis = asRecord(answer?.['data'])['id'];
    if (typeof analysis !== 'string' || analysis === '') throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'VirusTotal accepted the file without saying which analysis it started');
    ctx.log.info('file submitted for analysis', { analysis, bytes: size, viaUploadUrl: target !== 'files' });
    return fileAnalysisReport(await waitForAnalysis(ctx, analysis), thresholdOf(args));
  },
});
