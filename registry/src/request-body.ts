import { PlyError } from '@ply/core/errors';
import type { TarballLimits } from '@ply/installer/package-format';

/** Room for what `npm publish` sends beside the tarball: the version's package.json (readme included), names, tags. */
const PUBLISH_JSON_OVERHEAD = 1024 * 1024;

/** Bodies of the small JSON routes: dist-tags, owners, login. */
export const SMALL_BODY_LIMIT = 64 * 1024;

/** The largest publish body: the tarball limit in base64 (4 characters per 3 bytes), plus the JSON around it. */
export function publishBodyLimit(limits: TarballLimits): number {
  return 4 * Math.ceil(limits.maxCompressedBytes / 3) + PUBLISH_JSON_OVERHEAD;
}

function tooLarge(what: string, limit: number, size?: number): PlyError {
  return new PlyError('PLY_REGISTRY_BODY_TOO_LARGE', `${what} is ${size === undefined ? 'over' : `${size} bytes, over`} the limit of ${limit} bytes`, { details: { limit } });
}

/**
 * Reads a request body, counting bytes as they arrive and stopping at `limit`: a body sent
 * without Content-Length (chunked) is refused as soon as it passes the limit, never buffered
 * whole. A declared Content-Length over the limit is refused before anything is read.
 */
export async function readBoundedBody(request: Request, limit: number, what: string): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) throw tooLarge(what, limit, declared);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // Not cancelled: that would reset the connection before the client reads the 413. Once the
      // answer is sent, @hono/node-server discards what still arrives for at most 500 ms and
      // 64 MiB, then closes the connection (a lingering close, so the client sees the answer).
      if (size > limit) throw tooLarge(what, limit);
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, size);
}

/** A bounded body parsed as JSON; refused when it is not JSON. */
export async function readJsonBody(request: Request, limit: number, what: string): Promise<unknown> {
  const raw = await readBoundedBody(request, limit, what);
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new PlyError('PLY_REGISTRY_BODY_INVALID', `${what} is not JSON`);
  }
}
