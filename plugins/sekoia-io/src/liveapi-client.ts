import { setTimeout as wait } from 'node:timers/promises';
import type { Logger } from '@ply/core';
import WebSocket from 'ws';

/** Reconnection and keep-alive of the LiveAPI WebSocket. */
export interface LiveApiOptions {
  /** First wait before reconnecting; doubles per consecutive failure, plus up to 1 s of jitter (scaled down for small bases). */
  reconnectBaseMs: number;
  /** Upper bound of one wait. */
  reconnectMaxMs: number;
  /** Interval of WebSocket pings; a ping unanswered by the next one drops the connection. */
  pingIntervalMs: number;
}

/** The reference waits `0.5 s × 2^failures + U(0, 1 s)` and pings every 60 s. */
export const REFERENCE_LIVEAPI_OPTIONS: Readonly<LiveApiOptions> = Object.freeze({
  reconnectBaseMs: 500,
  reconnectMaxMs: 60_000,
  pingIntervalMs: 60_000,
});

interface Consumer {
  url: string;
  apiKey: string;
  signal: AbortSignal;
  log: Logger;
  options: LiveApiOptions;
  /** Called for each message, one at a time and in arrival order. */
  onMessage(message: unknown): Promise<void>;
}

/** One connection: resolves when it closes (or the signal aborts); `opened` tells whether it ever opened. */
function connectOnce(consumer: Consumer, process: (raw: string) => void): Promise<{ opened: boolean; reason: string }> {
  return new Promise((resolve) => {
    // The LiveAPI authenticates the API key as the `access_token_cookie` cookie.
    const socket = new WebSocket(consumer.url, { headers: { cookie: `access_token_cookie=${consumer.apiKey}` } });
    let opened = false;
    let alive = true;
    let reason = 'closed';
    const ping = setInterval(() => {
      if (!alive) {
        reason = 'ping timeout';
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, consumer.options.pingIntervalMs);
    const onAbort = (): void => socket.close(1000);
    consumer.signal.addEventListener('abort', onAbort, { once: true });
    socket.on('open', () => {
      opened = true;
      consumer.log.info('LiveAPI connected');
    });
    socket.on('pong', () => {
      alive = true;
    });
    socket.on('message', (data: WebSocket.RawData) => process(data.toString()));
    socket.on('unexpected-response', (_request, response) => {
      reason = `HTTP ${response.statusCode}`;
      socket.terminate();
    });
    socket.on('error', (error) => {
      reason = error.message;
    });
    socket.on('close', () => {
      clearInterval(ping);
      consumer.signal.removeEventListener('abort', onAbort);
      resolve({ opened, reason });
    });
  });
}

/**
 * Reads LiveAPI notifications until the signal aborts, reconnecting with exponential backoff
 * and jitter (reset once a connection opens). Messages are handled one at a time, in order; a
 * message that is not JSON or whose handler fails is logged and skipped, never fatal.
 */
export async function consumeLiveApi(consumer: Consumer): Promise<void> {
  let queue = Promise.resolve();
  const process = (raw: string): void => {
    queue = queue.then(async () => {
      let message: unknown;
      try {
        message = JSON.parse(raw);
      } catch {
        consumer.log.error('invalid JSON message received from LiveAPI');
        return;
      }
      try {
        await consumer.onMessage(message);
      } catch (error) {
        consumer.log.error('LiveAPI notification could not be handled', { error: error instanceof Error ? error.message : String(error) });
      }
    });
  };

  let failures = 0;
  while (!consumer.signal.aborted) {
    const { opened, reason } = await connectOnce(consumer, process);
    if (consumer.signal.aborted) break;
    if (opened) failures = 0;
    const { reconnectBaseMs, reconnectMaxMs } = consumer.options;
    const delayMs = Math.min(reconnectMaxMs, reconnectBaseMs * 2 ** failures + Math.random() * Math.min(1_000, reconnectBaseMs * 2));
    failures += 1;
    consumer.log.warn('LiveAPI connection lost, reconnecting', { reason, attempt: failures, delayMs: Math.round(delayMs) });
    await wait(delayMs, undefined, { signal: consumer.signal }).catch(() => undefined);
  }
  await queue;
}
