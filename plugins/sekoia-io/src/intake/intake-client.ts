import { PlyError, isPlyError, type HttpClient, type Logger, type RetryPolicy } from '@ply/core';

/** The HTTP client's per-request retry policy (retries, baseDelayMs, maxDelayMs). */
type RequestRetry = Partial<RetryPolicy>;

/** How chunks travel to the intake. */
export interface IntakeSendOptions {
  /** Chunks in flight at once (the reference uses a pool of 5 threads). */
  concurrency: number;
  /** Retries of one chunk on 429, 5xx and network errors (the core HTTP client backs off, honouring `Retry-After`). */
  retry: RequestRetry;
}

/**
 * 5 chunks in flight; waits of 1 s doubling up to 10 s, as the reference's tenacity policy waits,
 * for about an hour (its `stop_after_delay(3600)`): 720 retries whose full-jitter waits average 5 s.
 */
export const REFERENCE_INTAKE_SEND: Readonly<IntakeSendOptions> = Object.freeze({
  concurrency: 5,
  retry: Object.freeze({ retries: 720, baseDelayMs: 1_000, maxDelayMs: 10_000 }),
});

/** The run's default deadline for a push: the hour of retries plus five minutes. */
export const PUSH_RUN_TIMEOUT_MS = 3_900_000;

/**
 * Posts chunks to `<intake_server>/batch` (`{intake_key, jsons}`, no Authorization header) with
 * at most `concurrency` in flight, and returns the event ids in chunk order. When a chunk fails
 * for good, no new chunk starts, the ones in flight finish, and the error says how many events
 * were sent: nothing is lost silently.
 */
export async function sendChunks(
  http: HttpClient,
  log: Logger,
  target: { intakeServer: string; intakeKey: string },
  chunks: readonly string[][],
  options: IntakeSendOptions,
): Promise<string[]> {
  const batchUrl = new URL('batch', target.intakeServer.endsWith('/') ? target.intakeServer : `${target.intakeServer}/`);
  const ids: string[][] = new Array<string[]>(chunks.length);
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  let sent = 0;
  let next = 0;
  let failure: { index: number; error: unknown } | undefined;

  const worker = async (): Promise<void> => {
    while (failure === undefined && next < chunks.length) {
      const index = next++;
      const chunk = chunks[index]!;
      try {
        const response = await http.request<{ event_ids?: string[] }>(batchUrl, {
          method: 'POST',
          json: { intake_key: target.intakeKey, jsons: chunk },
          retry: options.retry,
          // Collection is at-least-once: a batch resent after a 5xx may arrive twice, never zero times.
          idempotent: true,
        });
        ids[index] = response.body?.event_ids ?? [];
        sent += chunk.length;
      } catch (error) {
        failure ??= { index, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, chunks.length)) }, worker));

  if (failure) {
    const cause = isPlyError(failure.error) ? failure.error : undefined;
    const chunk = chunks[failure.index]!;
    const message =
      `pushing to the intake failed: chunk ${failure.index + 1} of ${chunks.length} (${chunk.length} events) was refused` +
      `${cause ? ` (${cause.message})` : ''}; ${sent} of ${total} events were sent`;
    log.error('intake push failed', { sent, total, failedChunk: failure.index + 1, chunks: chunks.length });
    throw new PlyError(cause?.code ?? 'PLY_NETWORK_ERROR', message, { cause: failure.error, details: { ...cause?.details, sent, total } });
  }
  return ids.flat();
}
