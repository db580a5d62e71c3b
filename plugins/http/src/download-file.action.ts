import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PlyError } from '@ply/core';
import { z } from 'zod';
import { dispositionFileName, safeFileName, urlFileName } from './file-name.js';
import { http } from './module.js';
import { headersOf, httpUrl } from './request-arguments.js';
import { streamFailure } from './stream-failure.js';

/** Default bound of a download: 1 GiB, raised or lowered per call with `max_size`. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 1024 * 1024 * 1024;

function sizeLimit(maxBytes: number, url: string): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) callback(new PlyError('PLY_VENDOR_RESPONSE_INVALID', `${url}: the file is larger than max_size (${maxBytes} bytes)`, { details: { maxBytes } }));
      else callback(null, chunk);
    },
  });
}

export const downloadFileAction = http.action({
  uuid: '09e9dc3a-aeb2-4dde-ad96-3ee543afdf51',
  slug: 'download_file',
  docker_parameters: 'download-file',
  name: 'Download File',
  description: 'Donwload the given file and save it',
  arguments: z
    .object({
      url: z.url({ protocol: /^https?$/ }).describe('Url of the file to download'),
      headers: z.record(z.string(), z.unknown()).optional().describe('Headers to use when sending the requests. i.e. {"authorization": "Bearer foo"}'),
      verify_ssl: z.boolean().default(true).describe('Wether the SSL certificate must be verified. Default to true.'),
      max_size: z.number().int().positive().default(DEFAULT_MAX_DOWNLOAD_BYTES).describe('Largest file accepted, in bytes (default 1 GiB): a larger one fails the run and leaves nothing behind'),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .object({
      file_path: z.string().describe('Absolute file path on disk (legacy, prefer file_relative_path for chaining with other modules)'),
      file_relative_path: z.string().describe('File path relative to the playbook data directory, suitable for use as input to other modules (e.g. Scan File)'),
    })
    .meta({ title: 'Results' }),
  async run(ctx, args) {
    const where = new URL(httpUrl(args.url));
    const shown = `${where.origin}${where.pathname}`;
    if (!args.verify_ssl) ctx.log.warn('TLS certificate verification is off for this download', { url: shown });
    const response = await ctx.http.request<Readable>(args.url, {
      headers: headersOf(args.headers),
      responseType: 'stream',
      // The body of a large file takes long to arrive: the run's deadline bounds it, not the per-attempt default.
      timeoutMs: 30 * 60_000,
      ...(args.verify_ssl ? {} : { tls: { verify: false } }),
    });
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > args.max_size) {
      response.body.destroy();
      throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `${shown}: the file is ${declared} bytes, more than max_size (${args.max_size} bytes)`, { details: { size: declared, maxBytes: args.max_size } });
    }
    const name = safeFileName(dispositionFileName(response.headers.get('content-disposition')) ?? urlFileName(response.url));
    const folder = randomUUID();
    const relative = join(folder, name);
    const absolute = ctx.files.resolve(relative);
    await mkdir(ctx.files.resolve(folder), { recursive: true });
    const partial = `${absolute}.part`;
    try {
      // Streamed to disk under a temporary name and renamed at the end: never half a file.
      await pipeline(response.body, sizeLimit(args.max_size, shown), createWriteStream(partial, { mode: 0o600 }));
      await rename(partial, absolute);
    } catch (error) {
      await rm(ctx.files.resolve(folder), { recursive: true, force: true });
      throw streamFailure(error, shown);
    }
    ctx.log.info('file downloaded', { url: shown, file: relative });
    return { file_path: absolute, file_relative_path: relative };
  },
});
