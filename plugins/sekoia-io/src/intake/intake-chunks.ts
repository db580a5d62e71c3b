/** Bounds of one `POST /batch` to the intake, as Sekoia's SDK sets them. */
export interface ChunkLimits {
  /** An event longer than this (UTF-8 bytes) is skipped: the intake would refuse it. */
  maxEventBytes: number;
  /** A chunk is closed before its events would exceed this many bytes. */
  maxChunkBytes: number;
  /** A chunk is closed once it holds this many events. */
  maxChunkEvents: number;
}

/**
 * The SDK's `EVENT_BYTES_MAX_SIZE` (250 000) and `CHUNK_BYTES_MAX_SIZE` (90 % of 10 MiB).
 * The reference bounds chunks in bytes only; Ply also caps their count so one request never
 * carries an unbounded number of tiny events.
 */
export const REFERENCE_CHUNK_LIMITS: Readonly<ChunkLimits> = Object.freeze({
  maxEventBytes: 250_000,
  maxChunkBytes: Math.floor(10 * 1024 * 1024 * 0.9),
  maxChunkEvents: 10_000,
});

/** Events split into chunks, in input order, and how many were too large to send. */
export interface ChunkedEvents {
  chunks: string[][];
  skipped: number;
}

/** Splits serialised events into chunks within `limits`, keeping their order. */
export function chunkEvents(events: readonly string[], limits: ChunkLimits): ChunkedEvents {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let chunkBytes = 0;
  let skipped = 0;
  for (const event of events) {
    const bytes = Buffer.byteLength(event, 'utf8');
    if (bytes > limits.maxEventBytes) {
      skipped += 1;
      continue;
    }
    if (chunk.length > 0 && (chunkBytes + bytes > limits.maxChunkBytes || chunk.length >= limits.maxChunkEvents)) {
      chunks.push(chunk);
      chunk = [];
      chunkBytes = 0;
    }
    chunk.push(event);
    chunkBytes += bytes;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return { chunks, skipped };
}
