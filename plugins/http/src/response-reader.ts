import type { Readable } from 'node:stream';
import { PlyError } from '@ply/core';

/** The largest body Request URL keeps in its results: beyond, Download File is the action to use. */
export const MAX_BODY_BYTES = 50 * 1024 * 1024;

/** The body's bytes, refused once past `maxBytes` (the stream is destroyed, nothing more is read). */
export async function readBounded(stream: Readable, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', `${what}: the response body is larger than ${maxBytes} bytes (use Download File for large bodies)`, { details: { maxBytes } });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The encoding of a response as Python's requests reports it: the `charset` of Content-Type, else
 * ISO-8859-1 for `text/*` (RFC 2616's default, which requests keeps), UTF-8 for JSON, else none.
 */
export function encodingOf(contentType: string | null): string | null {
  const charset = /charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  if (charset) return charset;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('text/')) return 'ISO-8859-1';
  if (type.includes('json')) return 'utf-8';
  return null;
}

/** The body as text in its encoding (UTF-8 when none is known or the name is not one TextDecoder knows). */
export function decodeBody(bytes: Buffer, encoding: string | null): string {
  try {
    return new TextDecoder(encoding ?? 'utf-8').decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}
